import { describe, expect, it } from "@jest/globals";
import { createWorkspace } from "../../../src/adapters/workspace/index.js";
import { allowedProtocols, checkCloneUrl, displayUrl } from "../../../src/adapters/workspace/url.js";

const STRICT = { allowFileProtocol: false, allowPlainHttp: false };

describe("clone URLs", () => {
  it("accepts https by default, and file:// or loopback http only when asked", () => {
    expect(checkCloneUrl("https://github.com/o/r.git", STRICT).toString()).toBe("https://github.com/o/r.git");
    expect(checkCloneUrl("file:///tmp/r.git", { ...STRICT, allowFileProtocol: true }).protocol).toBe("file:");
    expect(checkCloneUrl("http://127.0.0.1:8080/o/r.git", { ...STRICT, allowPlainHttp: true }).host).toBe(
      "127.0.0.1:8080",
    );
    expect(allowedProtocols(STRICT)).toBe("https");
    expect(allowedProtocols({ allowFileProtocol: true, allowPlainHttp: true })).toBe("https:http:file");
  });

  it.each([
    [
      "file:///tmp/r.git",
      STRICT,
      "git clone file:///tmp/r.git: the file: protocol is not allowed — use an https:// URL",
    ],
    [
      "http://github.com/o/r.git",
      STRICT,
      "git clone http://github.com/o/r.git: the http: protocol is not allowed — use an https:// URL",
    ],
    [
      "http://example.com/o/r.git",
      { ...STRICT, allowPlainHttp: true },
      "git clone http://example.com/o/r.git: the http: protocol is not allowed",
    ],
    ["ext::sh -c touch% /tmp/pwned", STRICT, "the ext: protocol is not allowed — use an https:// URL"],
    [
      "ssh://git@github.com/o/r.git",
      STRICT,
      "git clone ssh://github.com/o/r.git: the URL carries credentials",
    ],
    ["git@github.com:o/r.git", STRICT, "git clone <invalid URL>: not a URL"],
    ["--upload-pack=touch /tmp/pwned", STRICT, "git clone <invalid URL>: not a URL"],
  ])("refuses %s", (url, policy, message) => {
    expect(() => checkCloneUrl(url, policy)).toThrow(message);
  });

  it("refuses a token inside the URL without ever printing it", async () => {
    const token = `ghs_${"Z".repeat(40)}`;
    const failure = createWorkspace().clone({
      url: `https://x-access-token:${token}@github.com/o/r.git?t=${token}`,
    });
    await expect(failure).rejects.toThrow(
      "git clone https://github.com/o/r.git: the URL carries credentials — pass the installation token as `token`, never inside the URL",
    );
    expect(displayUrl(`https://u:${token}@github.com/o/r.git#${token}`)).toBe("https://github.com/o/r.git");
  });

  it("refuses an empty token and a silly depth", async () => {
    const factory = createWorkspace();
    await expect(factory.clone({ url: "https://github.com/o/r.git", token: " " })).rejects.toThrow(
      "git clone https://github.com/o/r.git: the token is empty — pass the installation token, or no token for a public repository",
    );
    await expect(factory.clone({ url: "https://github.com/o/r.git", depth: 0 })).rejects.toThrow(
      "git clone https://github.com/o/r.git: depth must be an integer from 1 to 10000 — use depth 1 for a shallow clone",
    );
    await expect(factory.clone({ url: "https://github.com/o/r.git", branch: "--orphan" })).rejects.toThrow(
      'git clone "--orphan": not a valid branch name',
    );
  });
});
