// A stateful GitHub for end-to-end scenarios: one nock router per HTTP method answers from a real bare git
// repository (contents, commits, compare, merges) and from its own records (comments, reactions, pull
// requests, workflow runs). Every request is still checked against GitHub's OpenAPI description through
// `githubApi()`; a request no route answers is recorded in `unrouted` for the test to assert empty. This file
// holds the records; world-git.ts answers what git holds, world-actions.ts what GitHub Actions serves.
import nock from "nock";
import { githubApi } from "./github-openapi.js";
import type { BareRepo } from "./git.js";
import { worldActions } from "./world-actions.js";
import { worldGit } from "./world-git.js";
import {
  WORLD_BOT as BOT,
  WORLD_OWNER as OWNER,
  WORLD_WEB as WEB,
  WORLD_NAME,
  type Reply,
  type WorldComment,
  type WorldIssue,
  type WorldPull,
  type WorldRun,
} from "./world-types.js";

export type { WorldComment, WorldIssue, WorldPull, WorldRun } from "./world-types.js";
export { WORLD_LOG_HOST } from "./world-actions.js";

const REPO = `/repos/${OWNER}/${WORLD_NAME}`;

export function createGitHubWorld(remote: BareRepo, permissions: Record<string, string>) {
  const comments = new Map<number, WorldComment>();
  const reactions = new Map<number, { user: string; content: string }[]>();
  /** Reactions on an issue's or PR's own body, by its number. */
  const bodyReactions = new Map<number, { user: string; content: string }[]>();
  const pulls = new Map<number, WorldPull>();
  const runs = new Map<number, WorldRun>();
  const issues = new Map<number, WorldIssue>();
  let nextIssue = 40;
  const unrouted: string[] = [];
  const requests: string[] = [];
  let nextId = 5000;
  let nextPull = 100;
  const repo = worldGit(remote, pulls);
  const actions = worldActions(runs);
  const { sha, show } = repo;

  const toComment = (c: WorldComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    body: c.body,
    html_url: `${WEB}/issues/${c.issue}#issuecomment-${c.id}`,
    user: {
      login: c.login,
      id: c.login === BOT ? 9 : 1,
      type: c.login.endsWith("[bot]") ? "Bot" : "User",
    },
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  });
  const toIssue = (i: WorldIssue) => ({
    id: i.number * 10,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    html_url: `${WEB}/issues/${i.number}`,
    user: { login: i.login, id: i.login === BOT ? 9 : 1, type: i.login === BOT ? "Bot" : "User" },
    labels: i.labels.map((name) => ({ name })),
  });
  const toPull = (p: WorldPull) => ({ number: p.number, html_url: `${WEB}/pull/${p.number}` });

  const get = async (path: string, query: URLSearchParams, accept: string): Promise<Reply> => {
    const answered = (await repo.get(path, query, accept)) ?? actions.get(path);
    if (answered !== null) return answered;
    let m: RegExpExecArray | null;
    if ((m = /^\/collaborators\/([^/]+)\/permission$/.exec(path))) {
      const level = permissions[decodeURIComponent(m[1] ?? "")] ?? "none";
      return [200, { permission: level, role_name: level, user: { login: m[1] } }];
    }
    if ((m = /^\/issues\/comments\/(\d+)\/reactions$/.exec(path))) {
      const list = reactions.get(Number(m[1])) ?? [];
      return [200, list.map((r, i) => ({ id: i + 1, content: r.content, user: { login: r.user } }))];
    }
    if (path === "/issues") {
      const state = query.get("state") ?? "open";
      const creator = query.get("creator");
      const label = query.get("labels");
      const list = [...issues.values()].filter(
        (i) =>
          (state === "all" || i.state === state) &&
          (creator === null || i.login === creator) &&
          (label === null || i.labels.includes(label)),
      );
      return [200, list.map(toIssue)];
    }
    if ((m = /^\/issues\/(\d+)$/.exec(path))) {
      const issue = issues.get(Number(m[1]));
      return issue ? [200, toIssue(issue)] : [404, { message: "Not Found" }];
    }
    if ((m = /^\/issues\/(\d+)\/reactions$/.exec(path))) {
      const list = bodyReactions.get(Number(m[1])) ?? [];
      return [200, list.map((r, i) => ({ id: i + 1, content: r.content, user: { login: r.user } }))];
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      return [200, [...comments.values()].filter((c) => c.issue === Number(m?.[1])).map(toComment)];
    }
    if (path === "/pulls") {
      const head = (query.get("head") ?? "").replace(`${OWNER}:`, "");
      const open = [...pulls.values()].filter((p) => p.state === "open" && p.head === head);
      return [200, open.map(toPull)];
    }
    return [404, { message: `world: no route for GET ${path}` }];
  };

  const post = async (path: string, body: Record<string, unknown>): Promise<Reply> => {
    let m: RegExpExecArray | null;
    if (/^\/issues\/comments\/\d+\/reactions$/.test(path)) {
      return [201, { id: nextId++, content: body.content, user: { login: BOT } }];
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      const comment = { id: nextId++, issue: Number(m[1]), body: String(body.body), login: BOT };
      comments.set(comment.id, comment);
      return [201, toComment(comment)];
    }
    if (path === "/issues") {
      const issue: WorldIssue = {
        number: nextIssue++,
        title: String(body.title),
        body: typeof body.body === "string" ? body.body : "",
        login: BOT,
        state: "open",
        labels: Array.isArray(body.labels) ? body.labels.map(String) : [],
      };
      issues.set(issue.number, issue);
      return [201, toIssue(issue)];
    }
    if (path === "/pulls") {
      const pull: WorldPull = {
        number: nextPull++,
        title: String(body.title),
        body: String(body.body),
        head: String(body.head),
        base: String(body.base),
        baseSha: await sha(String(body.base)),
        state: "open",
        bodies: [String(body.body)],
      };
      pulls.set(pull.number, pull);
      return [201, toPull(pull)];
    }
    return [404, { message: `world: no route for POST ${path}` }];
  };

  const patch = (path: string, body: Record<string, unknown>): Reply => {
    let m: RegExpExecArray | null;
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(path))) {
      const comment = comments.get(Number(m[1]));
      if (!comment) return [404, { message: "Not Found" }];
      comment.body = String(body.body);
      return [200, toComment(comment)];
    }
    if ((m = /^\/issues\/(\d+)$/.exec(path))) {
      const issue = issues.get(Number(m[1]));
      if (!issue) return [404, { message: "Not Found" }];
      if (typeof body.title === "string") issue.title = body.title;
      if (typeof body.body === "string") issue.body = body.body;
      if (body.state === "open" || body.state === "closed") issue.state = body.state;
      return [200, toIssue(issue)];
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(path))) {
      const pull = pulls.get(Number(m[1]));
      if (!pull) return [404, { message: "Not Found" }];
      if (typeof body.title === "string") pull.title = body.title;
      if (typeof body.body === "string") pull.body = body.body;
      pull.bodies.push(pull.body);
      return [200, toPull(pull)];
    }
    return [404, { message: `world: no route for PATCH ${path}` }];
  };

  const route = (method: string) =>
    async function (this: { req: { headers: Record<string, string> } }, uri: string, body: unknown) {
      const url = new URL(uri, "https://api.github.com");
      const path = url.pathname.startsWith(REPO) ? url.pathname.slice(REPO.length) : url.pathname;
      const json = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
      const accept = String(this.req.headers.accept ?? "");
      requests.push(`${method} ${url.pathname}${url.search} [${accept}]`);
      const reply =
        method === "GET"
          ? await get(path, url.searchParams, accept)
          : method === "POST"
            ? await post(path, json)
            : patch(path, json);
      if (reply[0] === 404 && String((reply[1] as { message?: string }).message).startsWith("world:"))
        unrouted.push(`${method} ${url.pathname}`);
      return reply;
    };
  const scope = githubApi().persist();
  // Optional: a scenario need not use every method; what it did use is checked by its own assertions.
  scope.get(/.*/).optionally().reply(route("GET"));
  scope.post(/.*/).optionally().reply(route("POST"));
  scope.patch(/.*/).optionally().reply(route("PATCH"));
  let logs: nock.Scope | null = null;

  return {
    comments,
    reactions,
    bodyReactions,
    pulls,
    runs,
    issues,
    /** An issue a person opened (or any author), as GitHub would hold it. */
    addIssue(issue: Omit<WorldIssue, "number"> & { number?: number }): WorldIssue {
      const added = { ...issue, number: issue.number ?? nextIssue++ };
      issues.set(added.number, added);
      return added;
    },
    unrouted,
    requests,
    /** The app's comments on an issue or PR, by their hidden marker kind (`<!-- devops-agent:<kind>:`). */
    comment(issue: number, kind: string): WorldComment | undefined {
      return [...comments.values()].find(
        (c) => c.issue === issue && c.body.includes(`devops-agent:${kind}:`),
      );
    },
    pullByHead(prefix: string): WorldPull | undefined {
      return [...pulls.values()].find((p) => p.head.startsWith(prefix));
    },
    sha,
    show,
    /** Merges the PR with a merge commit, as the merge button does (see world-git.ts). */
    merge(number: number): Promise<{ baseSha: string; headSha: string }> {
      const pull = pulls.get(number);
      if (!pull) throw new Error(`world: no PR #${number}`);
      return repo.merge(pull);
    },
    /** A failed workflow run whose jobs and logs GitHub will serve. */
    addRun(run: WorldRun) {
      runs.set(run.id, run);
      logs ??= actions.serveLogs();
    },
    close() {
      scope.persist(false);
      logs?.persist(false);
      nock.cleanAll();
    },
  };
}

export type GitHubWorld = ReturnType<typeof createGitHubWorld>;
