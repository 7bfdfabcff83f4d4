import { createServer, type Server } from "node:http";
import { createNodeMiddleware, createProbot, type Probot } from "probot";
import { EnvError, parseEnv, type Env } from "./config/env.js";
import { createRuntime, type Runtime } from "./runtime.js";

export interface AppServer {
  server: Server;
  runtime: Runtime;
  /** Stops accepting webhooks, lets in-flight jobs finish (up to the drain timeout), then closes. */
  shutdown(): Promise<{ finished: boolean; abandoned: number }>;
}

export interface ServerOptions {
  probot: Probot;
  webhookPath: string;
  concurrency: number;
  drainTimeoutMs: number;
  botLogin?: string | undefined;
  secrets?: (string | undefined)[];
}

export async function createAppServer(options: ServerOptions): Promise<AppServer> {
  // Probot builds its logger lazily; ready() makes sure it exists before we derive ours.
  await options.probot.ready();
  const log = options.probot.log.child({ name: "devops-agent" });
  const runtime = createRuntime({
    probot: options.probot,
    log,
    concurrency: options.concurrency,
    botLogin: options.botLogin,
    secrets: options.secrets ?? [],
  });
  const middleware = await createNodeMiddleware(runtime.appFn, {
    probot: options.probot,
    webhooksPath: options.webhookPath,
  });
  let draining = false;
  const server = createServer((req, res) => {
    if (req.method === "GET" && (req.url === "/healthz" || req.url === "/healthz/")) {
      const stats = runtime.queue.stats();
      res.writeHead(draining ? 503 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: draining ? "draining" : "ok", queue: stats }));
      return;
    }
    void middleware(req, res, () => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "not found" }));
    });
  });
  return {
    server,
    runtime,
    async shutdown() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const result = await runtime.queue.drain(options.drainTimeoutMs);
      await closed;
      return result;
    },
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Env;
  try {
    config = parseEnv(env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const probot = createProbot({ env: { ...env, LOG_LEVEL: config.LOG_LEVEL } });
  const app = await createAppServer({
    probot,
    webhookPath: config.WEBHOOK_PATH,
    concurrency: config.JOB_CONCURRENCY,
    drainTimeoutMs: config.DRAIN_TIMEOUT_SECONDS * 1000,
    botLogin: config.BOT_LOGIN,
    secrets: [config.PRIVATE_KEY, config.WEBHOOK_SECRET, config.LLM_API_KEY],
  });
  app.server.listen(config.PORT, config.HOST, () => {
    probot.log.info(`devops-agent listening on http://${config.HOST}:${config.PORT} (webhooks at ${config.WEBHOOK_PATH})`);
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

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) await main();
