// A GitHub Enterprise Server stand-in for the queue bench: answers what a `/agent` comment job asks after a
// fixed latency per request, keeps issue comments (so sticky comments are found and edited, and duplicates
// show), and timestamps every comment created on the bench's own clock.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CreatedComment {
  issue: number;
  /** The devops-agent marker, e.g. `problems:123`: one per job outcome. */
  marker: string;
  at: number;
}

const MARKER = /<!-- devops-agent:([a-z-]+:[^ ]+) -->/;

export async function startLatentGitHub(latencyMs: number) {
  const comments = new Map<number, { id: number; issue: number; body: string }>();
  const created: CreatedComment[] = [];
  const reactions = new Set<string>();
  let nextId = 1;
  let requests = 0;

  const answer = (method: string, path: string, body: Record<string, unknown>): [number, unknown] => {
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path))
      return [201, { token: "ghs_bench", expires_at: new Date(Date.now() + 3600_000).toISOString() }];
    if (method === "GET" && path === "/app") return [200, { id: 1, slug: "devops-agent" }];
    if (method === "GET" && /\/contents\//.test(path)) return [404, { message: "Not Found" }];
    if (method === "GET" && /\/collaborators\/[^/]+\/permission$/.test(path))
      return [200, { permission: "write", role_name: "write" }];
    const reaction = /\/issues\/comments\/(\d+)\/reactions$/.exec(path);
    if (method === "POST" && reaction) {
      // GitHub answers 200 with the existing reaction when the same user reacts the same way again.
      const key = `${reaction[1]}:${String(body.content)}`;
      const fresh = !reactions.has(key);
      reactions.add(key);
      return [fresh ? 201 : 200, { id: 1, content: body.content }];
    }
    const list = /\/issues\/(\d+)\/comments$/.exec(path);
    if (list && method === "GET") {
      const issue = Number(list[1]);
      return [200, [...comments.values()].filter((c) => c.issue === issue).map(toApi)];
    }
    if (list && method === "POST") {
      const comment = { id: nextId++, issue: Number(list[1]), body: String(body.body) };
      comments.set(comment.id, comment);
      created.push({ issue: comment.issue, marker: MARKER.exec(comment.body)?.[1] ?? "", at: Date.now() });
      return [201, toApi(comment)];
    }
    const edit = /\/issues\/comments\/(\d+)$/.exec(path);
    if (edit && method === "PATCH") {
      const comment = comments.get(Number(edit[1]));
      if (!comment) return [404, { message: "Not Found" }];
      comment.body = String(body.body);
      return [200, toApi(comment)];
    }
    return [404, { message: `stand-in: no route for ${method} ${path}` }];
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests += 1;
      const text = Buffer.concat(chunks).toString("utf8");
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      const path = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/api\/v3/, "");
      const [status, data] = answer(req.method ?? "GET", path, body);
      setTimeout(() => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(data));
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    created,
    requests: () => requests,
    reset() {
      comments.clear();
      created.length = 0;
      reactions.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function toApi(comment: { id: number; body: string }) {
  return {
    id: comment.id,
    body: comment.body,
    html_url: `http://ghe.bench/Codertocat/Hello-World/issues/1#issuecomment-${comment.id}`,
    user: { login: "devops-agent[bot]", type: "Bot" },
  };
}
