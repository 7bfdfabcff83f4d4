import { createServer, type Server } from "node:http";
import { createNodeMiddleware, createProbot, type Probot } from "probot";
import { githubUrls, octokitFor } from "./adapters/github/index.js";
import { EnvError, parseEnv, type Env } from "./config/env.js";
import { jobSettingsFromEnv, readPrivateKey, redisQueueSettings } from "./config/job-settings.js";
import { createRedisQueue, type RedisJobQueue } from "./jobs/redis/queue.js";
import type { WorkerSettings } from "./jobs/worker-protocol.js";
import { llmSettingsFromEnv, LlmSettingsError, type LlmSettings } from "./adapters/llm/index.js";
import type { WorkspaceSettings } from "./tasks/types.js";
import type { DocsSettings } from "./connect.js";
import type { FeedbackSettings } from "./adapters/feedback/index.js";
import { createRuntime, type Runtime } from "./runtime.js";
import { IdentityError, learnBotLogin } from "./adapters/github/identity.js";
import { limitWebhookBody } from "./body-limit.js";
import { createRedactor } from "./core/redact/index.js";
import { redactingLog } from "./tasks/log.js";

export interface AppServer {
  server: Server;
  runtime: Runtime;
  /** Stops accepting webhooks, lets in-flight jobs finish (up to the drain timeout), then closes. */
  shutdown(): Promise<{ finished: boolean; abandoned: number }>;
}

export interface ServerOptions {
  probot: Probot;
  webhookPath: string;
  /** The webhook secret, to verify signatures while the capped body streams in. */
  webhookSecret: string;
  concurrency: number;
  drainTimeoutMs: number;
  /** The app's own `<slug>[bot]` login, learned at start-up. */
  botLogin: string;
  secrets?: (string | undefined)[];
  worker?: WorkerSettings | undefined;
  llm?: LlmSettings | null;
  workspaces?: WorkspaceSettings;
  docs?: DocsSettings | null;
  feedback?: FeedbackSettings | null;
  /** The Redis queue that workers consume; absent: jobs run in this process. */
  queue?: RedisJobQueue | undefined;
}

export async function createAppServer(options: ServerOptions): Promise<AppServer> {
  // Probot builds its logger lazily; ready() makes sure it exists before we derive ours.
  await options.probot.ready();
  const log = redactingLog(
    options.probot.log.child({ name: "devops-agent" }),
    createRedactor(options.secrets ?? []),
  );
  const runtime = createRuntime({
    probot: options.probot,
    log,
    concurrency: options.concurrency,
    botLogin: options.botLogin,
    secrets: options.secrets ?? [],
    worker: options.worker,
    llm: options.llm ?? null,
    docs: options.docs ?? null,
    feedback: options.feedback ?? null,
    ...(options.workspaces ? { workspaces: options.workspaces } : {}),
    ...(options.queue ? { queue: options.queue } : {}),
  });
  const middleware = await createNodeMiddleware(runtime.appFn, {
    probot: options.probot,
    webhooksPath: options.webhookPath,
  });
  const webhooks = limitWebhookBody(
    (req, res) =>
      void middleware(req, res, () => {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "not found" }));
      }),
    { path: options.webhookPath, secret: options.webhookSecret },
  );
  let draining = false;
  const server = createServer((req, res) => {
    if (req.method === "GET" && (req.url === "/healthz" || req.url === "/healthz/")) {
      void runtime.queue.stats().then((stats) => {
        // A replica that cannot reach Redis cannot accept webhooks: take it out of the load balancer.
        const status = draining ? "draining" : stats.redis === "down" ? "redis-down" : "ok";
        res.writeHead(status === "ok" ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ status, queue: stats }));
      });
      return;
    }
    webhooks(req, res);
  });
  return {
    server,
    runtime,
    async shutdown() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const result = await runtime.queue.drain(options.drainTimeoutMs);
      await runtime.close();
      await options.queue?.close();
      await closed;
      return result;
    },
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Env;
  let privateKey: string;
  let llm: LlmSettings | null;
  try {
    config = parseEnv(env);
    privateKey = readPrivateKey(config);
    llm = llmSettingsFromEnv(env);
  } catch (error) {
    if (error instanceof EnvError || error instanceof LlmSettingsError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  // github.com or GHE_HOST over GHE_PROTOCOL: the same root for API calls on both threads, the
  // installation-token exchange, git remotes and the links the app writes.
  const github = githubUrls(config.GHE_HOST, config.GHE_PROTOCOL);
  const probot = createProbot({
    env: { ...env, LOG_LEVEL: config.LOG_LEVEL },
    overrides: { Octokit: octokitFor(github.api) },
  });
  let botLogin: string;
  try {
    botLogin = await learnBotLogin(probot, config.BOT_LOGIN);
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  const settings = jobSettingsFromEnv(config, privateKey, llm, env, botLogin);
  // With REDIS_URL, jobs go to Redis and `devops-agent worker` processes run them; this process only
  // verifies and enqueues. Without it, the in-process queue (and its job thread) is the embedded default.
  await probot.ready();
  const queue = config.REDIS_URL
    ? await createRedisQueue(redisQueueSettings(config.REDIS_URL, config), probot.log)
    : undefined;
  const app = await createAppServer({
    probot,
    webhookPath: config.WEBHOOK_PATH,
    webhookSecret: config.WEBHOOK_SECRET,
    concurrency: config.JOB_CONCURRENCY,
    drainTimeoutMs: config.DRAIN_TIMEOUT_SECONDS * 1000,
    botLogin,
    secrets: settings.secrets,
    worker: config.JOB_EXECUTION === "worker" ? settings : undefined,
    llm,
    workspaces: settings.workspaces,
    docs: settings.docs,
    feedback: settings.feedback ?? null,
    queue,
  });
  app.server.listen(config.PORT, config.HOST, () => {
    probot.log.info(
      `devops-agent listening on http://${config.HOST}:${config.PORT} (webhooks at ${config.WEBHOOK_PATH})`,
    );
  });
  const stop = (signal: string) => {
    probot.log.info(`${signal} received: draining in-flight jobs`);
    void app.shutdown().then((result) => {
      probot.log.info(result, "stopped");
      process.exit(result.finished ? 0 : 1);
    });
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) await main();
