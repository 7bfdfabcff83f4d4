import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createNodeMiddleware, createProbot, type Probot } from "probot";
import { githubUrls, octokitFor } from "./adapters/github/index.js";
import { EnvError, parseEnv, type Env } from "./config/env.js";
import type { WorkerSettings } from "./jobs/worker-protocol.js";
import { llmSettingsFromEnv, LlmSettingsError, type LlmSettings } from "./adapters/llm/index.js";
import type { WorkspaceSettings } from "./tasks/types.js";
import type { DocsSettings } from "./connect.js";
import { defaultFeedbackDir, type FeedbackSettings } from "./adapters/feedback/index.js";
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
      const stats = runtime.queue.stats();
      res.writeHead(draining ? 503 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: draining ? "draining" : "ok", queue: stats }));
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
  const secrets = [privateKey, config.WEBHOOK_SECRET, config.LLM_API_KEY];
  const workspaces: WorkspaceSettings = {
    gitBaseUrl: github.web,
    webBaseUrl: github.web,
    author: {
      name: botLogin,
      email: `${config.APP_ID}+${botLogin}@users.noreply.github.com`,
    },
  };
  const docs: DocsSettings | null = config.DOCS_LIVE
    ? config.DOCS_CACHE_DIR
      ? { cacheDir: config.DOCS_CACHE_DIR }
      : {}
    : null;
  const feedback: FeedbackSettings = { dir: defaultFeedbackDir(env) };
  const worker: WorkerSettings | undefined =
    config.JOB_EXECUTION === "worker"
      ? {
          probot: {
            appId: config.APP_ID,
            privateKey,
            baseUrl: github.api,
          },
          throttle: true,
          logLevel: config.LOG_LEVEL === "silent" ? "fatal" : config.LOG_LEVEL,
          botLogin,
          secrets: secrets.filter((s): s is string => s !== undefined),
          llm,
          workspaces,
          docs,
          feedback,
        }
      : undefined;
  const app = await createAppServer({
    probot,
    webhookPath: config.WEBHOOK_PATH,
    webhookSecret: config.WEBHOOK_SECRET,
    concurrency: config.JOB_CONCURRENCY,
    drainTimeoutMs: config.DRAIN_TIMEOUT_SECONDS * 1000,
    botLogin,
    secrets,
    worker,
    llm,
    workspaces,
    docs,
    feedback,
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

/** The PEM text, from PRIVATE_KEY (plain or base64, as Probot accepts) or the file at PRIVATE_KEY_PATH. */
function readPrivateKey(config: Env): string {
  if (config.PRIVATE_KEY) {
    const key = config.PRIVATE_KEY.replace(/\\n/g, "\n");
    return key.includes("-----BEGIN") ? key : Buffer.from(key, "base64").toString("utf8");
  }
  try {
    return readFileSync(config.PRIVATE_KEY_PATH ?? "", "utf8");
  } catch (error) {
    throw new EnvError(
      `PRIVATE_KEY_PATH: cannot read ${config.PRIVATE_KEY_PATH ?? ""} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) await main();
