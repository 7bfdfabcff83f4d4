// A server under test for the webhook-intake benchmark, in its own process so the load generator does
// not share its event loop. argv: "ours" | "redis" | "bare", the fake GitHub API base URL, and for "redis"
// the Redis URL (jobs are stored there for workers; none run in the bench). Prints the port.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, ProbotOctokit, createNodeMiddleware } from "probot";
import { createAppServer } from "../../src/server.js";
import { createRedisQueue } from "../../src/jobs/redis/queue.js";
import { DEFAULT_REDIS_QUEUE } from "../../src/jobs/redis/keys.js";

const [mode = "ours", baseUrl = "", redisUrl = ""] = process.argv.slice(2);
const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { enabled: false },
}));
const probot = new Probot({
  githubToken: "bench-token",
  secret: "bench-secret",
  baseUrl,
  Octokit,
  logLevel: "fatal",
});

let listen: (port: number, host: string, cb: () => void) => { address(): AddressInfo | string | null };
if (mode === "ours" || mode === "redis") {
  await probot.ready();
  const queue =
    mode === "redis"
      ? await createRedisQueue({ ...DEFAULT_REDIS_QUEUE, url: redisUrl }, probot.log)
      : undefined;
  const app = await createAppServer({
    probot,
    webhookPath: "/api/github/webhooks",
    webhookSecret: "bench-secret",
    botLogin: "devops-agent[bot]",
    concurrency: 8,
    drainTimeoutMs: 1000,
    // As in production: jobs run on a worker thread, webhooks are acknowledged on this one.
    worker: {
      probot: { githubToken: "bench-token", baseUrl },
      throttle: false,
      botLogin: "devops-agent[bot]",
      logLevel: "fatal",
      secrets: [],
      llm: null,
      docs: null,
      workspaces: { gitBaseUrl: baseUrl, author: { name: "devops-agent[bot]", email: "bot@example.com" } },
    },
    queue,
  });
  listen = (port, host, cb) => app.server.listen(port, host, cb);
} else {
  const middleware = await createNodeMiddleware(
    (app) => {
      app.on("issue_comment.created", () => undefined);
    },
    { probot },
  );
  const server = createServer((req, res) => void middleware(req, res));
  listen = (port, host, cb) => server.listen(port, host, cb);
}
const server = listen(0, "127.0.0.1", () => {
  const address = server.address() as AddressInfo;
  process.stdout.write(`${address.port}\n`);
});
