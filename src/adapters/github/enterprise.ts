import { ProbotOctokit } from "probot";

/** Where a GitHub lives: github.com, or a GitHub Enterprise Server host (Probot's GHE_HOST/GHE_PROTOCOL). */
export interface GitHubUrls {
  /** REST API root: https://api.github.com, or <protocol>://<host>/api/v3. */
  api: string;
  /** Web and git root: https://github.com, or <protocol>://<host>. */
  web: string;
}

export function githubUrls(host: string | undefined, protocol: "http" | "https" = "https"): GitHubUrls {
  if (!host) return { api: "https://api.github.com", web: "https://github.com" };
  return { api: `${protocol}://${host}/api/v3`, web: `${protocol}://${host}` };
}

type RequestWithDefaults = ((...args: never[]) => unknown) & {
  defaults: (options: { baseUrl: string }) => unknown;
};

function hasDefaults(value: unknown): value is RequestWithDefaults {
  return typeof value === "function" && "defaults" in value && typeof value.defaults === "function";
}

/**
 * Probot's Octokit, aimed at `apiUrl` for every request — including the installation-token exchange.
 * Probot 14 sets `baseUrl` on the client but hands the app-auth strategy its own `request`, which still
 * points at api.github.com, so on GitHub Enterprise Server the token request (and so every job) went
 * to github.com. This re-aims that `request` too.
 */
export function octokitFor(apiUrl: string, Base: typeof ProbotOctokit = ProbotOctokit): typeof ProbotOctokit {
  return Base.defaults((options: Record<string, unknown>) => {
    const auth = options.auth;
    if (typeof auth !== "object" || auth === null || !("request" in auth) || !hasDefaults(auth.request))
      return { ...options, baseUrl: apiUrl };
    return {
      ...options,
      baseUrl: apiUrl,
      auth: { ...auth, request: auth.request.defaults({ baseUrl: apiUrl }) },
    };
  });
}
