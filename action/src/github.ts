import { z } from "zod";

/** The few GitHub REST calls the Action makes, over fetch, with the job's token. */
export interface GitHubComments {
  /** Updates the comment carrying `marker`, or creates one unless `create` is false; returns its URL. */
  upsert(issue: number, marker: string, body: string, create?: boolean): Promise<string | undefined>;
}

const comment = z.object({
  id: z.number(),
  html_url: z.string(),
  body: z.string().nullable().optional(),
  user: z.object({ type: z.string() }).nullable().optional(),
});

export function createGitHubComments(options: {
  token: string;
  repository: string;
  apiUrl?: string;
  fetch?: typeof fetch;
}): GitHubComments {
  const base = (options.apiUrl ?? "https://api.github.com").replace(/\/$/, "");
  const doFetch = options.fetch ?? fetch;
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await doFetch(`${base}${path}`, {
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

  /** Our comment is the bot comment whose first line is the marker; pages are followed through Link. */
  const find = async (issue: number, marker: string) => {
    let path: string | undefined = `${repo}/issues/${issue}/comments?per_page=100`;
    while (path) {
      const response = await request("GET", path);
      const page = z.array(comment).parse(await response.json());
      const found = page.find((c) => c.user?.type === "Bot" && (c.body ?? "").split("\n")[0] === marker);
      if (found) return found;
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
      path = next?.startsWith(base) ? next.slice(base.length) : undefined;
    }
    return undefined;
  };

  return {
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
