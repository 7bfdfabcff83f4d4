// A stateful stand-in for a GitHub Enterprise Server API (`/api/v3/...`) on loopback, for black-box tests
// of the real server process. It keeps issue comments so sticky comments can be found and edited, mints
// an installation token, and records every request, checked against GitHub's OpenAPI description.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { checkGitHubRequest } from "./github-openapi.js";

export const API_PREFIX = "/api/v3";

export interface StandInRequest {
  method: string;
  /** The path after /api/v3, without the query. */
  path: string;
  body: unknown;
  authorization: string;
}

interface Comment {
  id: number;
  body: string;
}

export interface StandInOptions {
  /** Repository permission by login; anyone else has none. */
  permissions: Record<string, string>;
  /**
   * Called with each request once recorded; true leaves it unanswered (the caller, say, kills the
   * process that sent it).
   */
  hold?: (request: StandInRequest) => boolean;
}

export async function startGitHubStandIn(options: StandInOptions) {
  const requests: StandInRequest[] = [];
  const violations: string[] = [];
  const comments = new Map<number, Comment>();
  let nextId = 1000;
  const state = {
    /** The repository's .github/devops-agent.yml, or null for none. */
    config: null as string | null,
    /** The installation token minted for the app (a realistic 40-character ghs_ token). */
    token: `ghs_${randomBytes(27).toString("base64url").slice(0, 36)}`,
  };

  const answer = (method: string, path: string, body: unknown) => {
    const json = (status: number, data: unknown) => ({
      status,
      type: "application/json",
      text: JSON.stringify(data),
    });
    const repo = "/repos/Codertocat/Hello-World";
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path))
      return json(201, { token: state.token, expires_at: new Date(Date.now() + 3600_000).toISOString() });
    if (method === "GET" && path === "/app")
      return json(200, { id: 1, slug: "devops-agent", name: "devops-agent", owner: { login: "org" } });
    if (method === "GET" && path.startsWith(`${repo}/contents/`)) {
      if (state.config === null) return json(404, { message: "Not Found" });
      return { status: 200, type: "text/plain; charset=utf-8", text: state.config };
    }
    const permission = new RegExp(`^${repo}/collaborators/([^/]+)/permission$`).exec(path);
    if (method === "GET" && permission) {
      const level = options.permissions[decodeURIComponent(permission[1] ?? "")] ?? "none";
      return json(200, { permission: level === "maintain" ? "write" : level, role_name: level });
    }
    if (method === "POST" && /\/issues\/comments\/\d+\/reactions$/.test(path))
      return json(201, { id: nextId++, content: (body as { content: string }).content });
    if (method === "GET" && path === `${repo}/issues/1/comments`)
      return json(200, [...comments.values()].map(toApi));
    if (method === "POST" && path === `${repo}/issues/1/comments`) {
      const comment = { id: nextId++, body: (body as { body: string }).body };
      comments.set(comment.id, comment);
      return json(201, toApi(comment));
    }
    const edit = /\/issues\/comments\/(\d+)$/.exec(path);
    if (method === "PATCH" && edit) {
      const comment = comments.get(Number(edit[1]));
      if (!comment) return json(404, { message: "Not Found" });
      comment.body = (body as { body: string }).body;
      return json(200, toApi(comment));
    }
    return json(404, { message: `stand-in: no route for ${method} ${path}` });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const body: unknown = text ? (JSON.parse(text) as unknown) : undefined;
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", "http://stand-in");
      if (!url.pathname.startsWith(`${API_PREFIX}/`))
        violations.push(`${method} ${url.pathname} is outside ${API_PREFIX}, where GHE serves its API`);
      const path = url.pathname.slice(API_PREFIX.length);
      const request = { method, path, body, authorization: req.headers.authorization ?? "" };
      requests.push(request);
      violations.push(...checkGitHubRequest(method, `${path}${url.search}`, body));
      if (options.hold?.(request)) return;
      const reply = answer(method, path, body);
      res.writeHead(reply.status, { "content-type": reply.type });
      res.end(reply.text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    state,
    requests,
    violations,
    comments: () => [...comments.values()],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function toApi(comment: Comment) {
  return {
    id: comment.id,
    body: comment.body,
    html_url: `http://ghe.example/Codertocat/Hello-World/issues/1#issuecomment-${comment.id}`,
    user: { login: "devops-agent[bot]", type: "Bot" },
  };
}

export type GitHubStandIn = Awaited<ReturnType<typeof startGitHubStandIn>>;
