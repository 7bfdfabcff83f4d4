import { WorkspaceError } from "./errors.js";

export interface UrlPolicy {
  allowFileProtocol: boolean;
  allowPlainHttp: boolean;
  /** The one host (host:port) git may reach over plain HTTP: a GitHub Enterprise Server run with GHE_PROTOCOL=http. */
  plainHttpHost?: string | undefined;
}

/** Protocols git may use, handed to git itself through GIT_ALLOW_PROTOCOL so redirects and submodules obey too. */
export function allowedProtocols(policy: UrlPolicy): string {
  return [
    "https",
    ...(policy.allowPlainHttp || policy.plainHttpHost ? ["http"] : []),
    ...(policy.allowFileProtocol ? ["file"] : []),
  ].join(":");
}

/**
 * Checks a clone URL before git sees it. Credentials never travel in the URL (git would store it in
 * .git/config and print it in errors); they go in a per-command header instead.
 */
export function checkCloneUrl(raw: string, policy: UrlPolicy): URL {
  const shown = displayUrl(raw);
  const fail = (reason: string, hint: string): never => {
    throw new WorkspaceError("git clone", shown, reason, hint);
  };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail("not a URL", "pass the repository's clone URL, e.g. https://github.com/owner/repo.git");
  }
  if (url.username !== "" || url.password !== "") {
    fail("the URL carries credentials", "pass the installation token as `token`, never inside the URL");
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme === "file" && policy.allowFileProtocol) return url;
  if (scheme === "http" && policy.allowPlainHttp && isLoopback(url.hostname)) return url;
  if (scheme === "http" && policy.plainHttpHost !== undefined && url.host === policy.plainHttpHost)
    return url;
  if (scheme !== "https") {
    fail(`the ${scheme}: protocol is not allowed`, "use an https:// URL");
  }
  if (url.hostname === "") fail("the URL has no host", "use https://<host>/<owner>/<repo>.git");
  return url;
}

function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

/** The URL as it may appear in messages: no user, password, query or fragment. */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = "";
    url.password = "";
    url.search = "";
    url.hash = "";
    return url.toString();
  } catch {
    return "<invalid URL>";
  }
}
