import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { readFile, readdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRedactor } from "../../../src/core/redact/index.js";
import { createWorkspace } from "../../../src/adapters/workspace/index.js";
import type { BareRepo } from "../../helpers/git.js";
import { createBareRepo, DEMO_INFRA, readBranchFile } from "../../helpers/git.js";
import type { GitHttpServer } from "./git-http-server.js";
import { startGitHttpServer } from "./git-http-server.js";

// GitHub's newer installation tokens are long and contain dots and dashes.
const TOKEN = `ghs_${"Ab9-.".repeat(20)}xyz`;
const BASIC = `basic ${Buffer.from(`x-access-token:${TOKEN}`).toString("base64")}`;

let repo: BareRepo;
let server: GitHttpServer;

beforeAll(async () => {
  repo = await createBareRepo({ fromDir: DEMO_INFRA });
  server = await startGitHttpServer(repo.root, BASIC);
});

afterAll(async () => {
  await server.close();
  await repo.cleanup();
});

describe("the token travels as a per-command HTTP header", () => {
  it("authenticates clone, ls-remote and push, and is stored nowhere in the clone", async () => {
    const redactor = createRedactor();
    const ws = await createWorkspace({ allowPlainHttp: true, redactor }).clone({
      url: server.url("remote"),
      token: TOKEN,
    });
    try {
      const branch = await ws.checkoutBranch(ws.branchName(21, "Orders table"));
      await ws.writeFile("dynamodb.tf", "# orders\n");
      await ws.commit("Add the orders table");
      await ws.push({ branch });
      expect(await readBranchFile(repo.gitDir, branch, "dynamodb.tf")).toBe("# orders\n");
      expect(server.authorizations.length).toBeGreaterThanOrEqual(4);
      expect(new Set(server.authorizations)).toEqual(new Set([BASIC]));
      const config = await readFile(join(ws.dir, ".git", "config"), "utf8");
      expect(config).not.toContain(TOKEN);
      expect(config).not.toContain(BASIC.slice("basic ".length));
      expect(config).toContain(`url = ${server.url("remote")}`);
      // The token was registered before first use: any text the app logs is masked.
      expect(redactor.redact(`header ${BASIC} token ${TOKEN}`)).toBe(
        "header basic [REDACTED] token [REDACTED]",
      );
    } finally {
      await ws.dispose();
    }
  });

  it("fails fast with a token-free message when the token is refused", async () => {
    const wrong = `ghs_${"wr0ng".repeat(8)}`;
    const failure = createWorkspace({ allowPlainHttp: true }).clone({
      url: server.url("remote"),
      token: wrong,
    });
    const message = await failure.then(
      () => "cloned",
      (error: unknown) => String(error),
    );
    expect(message).toMatch(
      /^WorkspaceError: git clone http:\/\/127\.0\.0\.1:\d+\/remote\.git: .*(401|Authentication failed|terminal prompts disabled)/,
    );
    expect(message).toContain(
      "check that the app installation can access this repository and that the token has not expired",
    );
    expect(message).not.toContain(wrong);
    expect(message).not.toContain(Buffer.from(`x-access-token:${wrong}`).toString("base64"));
  });
});

describe("a git host that stops answering", () => {
  it("is given up on after the stall timeout, with a clear error and no directory left", async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const { port } = hanging.address() as AddressInfo;
    const tmpRoot = await mkdtemp(join(tmpdir(), "devops-agent-stall-"));
    try {
      const factory = createWorkspace({ allowPlainHttp: true, timeoutMs: 300, tmpRoot });
      await expect(factory.clone({ url: `http://127.0.0.1:${port}/o/r.git`, token: TOKEN })).rejects.toThrow(
        new RegExp(
          `^git clone http://127\\.0\\.0\\.1:${port}/o/r\\.git: git made no progress for 300 ms and was stopped — the git host could not be reached; retry later$`,
        ),
      );
      expect(await readdir(tmpRoot)).toEqual([]);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
      await rm(tmpRoot, { recursive: true, force: true });
    }
  });
});
