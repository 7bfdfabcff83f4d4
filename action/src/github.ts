import { z } from "zod";

/** The few GitHub REST calls the Action makes, over fetch, with the job's token. */
export interface GitHubComments {
  /** Updates the comment carrying `marker`, or creates one unless `create` is false; returns its URL. */
  upsert(issue: number, marker: string, body: string, create?: boolean): Promise<string | undefined>;
  /** The comment this token's own account wrote whose first line is `marker`. */
  find(issue: number, marker: string): Promise<{ id: number; body: string; url: string } | undefined>;
  update(commentId: number, body: string): Promise<void>;
  /** GET a REST path of this repository (`/pulls/7`), parsed by the caller's schema. */
  get<T>(path: string, schema: z.ZodType<T>): Promise<T>;
}

const comment = z.object({
  id: z.number(),
  html_url: z.string(),
  body: z.string().nullable().optional(),
  user: z.object({ login: z.string() }).nullable().optional(),
});
const viewer = z.object({ data: z.object({ viewer: z.object({ login: z.string().min(1) }) }) });

export function createGitHubComments(options: {
  token: string;
  repository: string;
  apiUrl?: string;
  /** GITHUB_GRAPHQL_URL on a runner; default: `<apiUrl>/graphql` (right for github.com). */
  graphqlUrl?: string;
  fetch?: typeof fetch;
}): GitHubComments {
  const base = (options.apiUrl ?? "https://api.github.com").replace(/\/$/, "");
  const graphql = options.graphqlUrl ?? `${base}/graphql`;
  const doFetch = options.fetch ?? fetch;
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await doFetch(/^https?:\/\//.test(path) ? path : `${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
        "user-agent": "aws-devops-agent-action",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const hint =
        response.status === 403 || response.status === 404
          ? " (does the job have `pull-requests: write`?)"
          : "";
      throw new Error(`GitHub ${method} ${path}: HTTP ${response.status}${hint}`);
    }
    return response;
  };
  const repo = `/repos/${options.repository}`;

  /**
   * Who this token acts as. GraphQL's `viewer` answers for every kind of token: the job's GITHUB_TOKEN is
   * `github-actions[bot]`, an app installation token `<slug>[bot]`, a personal token its user (REST
   * `GET /user` refuses installation tokens). Only comments by this login are ever edited.
   */
  let login: Promise<string> | undefined;
  const identity = () => {
    login ??= request("POST", graphql, { query: "query { viewer { login } }" })
      .then(async (response) => viewer.parse(await response.json()).data.viewer.login)
      .catch((error: unknown) => {
        throw new Error(
          `cannot tell which account the github-token belongs to (GraphQL viewer): ${(error as Error).message}`,
        );
      });
    return login;
  };

  /** Our comment is one this token's account wrote whose first line is the marker; pages follow Link. */
  const find = async (issue: number, marker: string) => {
    const self = await identity();
    let path: string | undefined = `${repo}/issues/${issue}/comments?per_page=100`;
    while (path) {
      const response = await request("GET", path);
      const page = z.array(comment).parse(await response.json());
      const found = page.find((c) => c.user?.login === self && (c.body ?? "").split("\n")[0] === marker);
      if (found) return found;
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
      path = next?.startsWith(base) ? next.slice(base.length) : undefined;
    }
    return undefined;
  };

  return {
    find: async (issue, marker) => {
      const found = await find(issue, marker);
      return found ? { id: found.id, body: found.body ?? "", url: found.html_url } : undefined;
    },
    update: async (commentId, body) => {
      await request("PATCH", `${repo}/issues/comments/${commentId}`, { body });
    },
    get: async (path, schema) => schema.parse(await (await request("GET", `${repo}${path}`)).json()),
    upsert: async (issue, marker, body, create = true) => {
      const existing = await find(issue, marker);
      if (!existing && !create) return undefined;
      const response = existing
        ? await request("PATCH", `${repo}/issues/comments/${existing.id}`, { body })
        : await request("POST", `${repo}/issues/${issue}/comments`, { body });
      return comment.parse(await response.json()).html_url;
    },
  };
}
