import { readFileSync } from "node:fs";
import type { LlmSettings } from "../adapters/llm/index.js";
import { defaultFeedbackDir } from "../adapters/feedback/index.js";
import { githubUrls } from "../adapters/github/enterprise.js";
import type { WorkerSettings } from "../jobs/worker-protocol.js";
import type { RedisQueueSettings } from "../jobs/redis/keys.js";
import { EnvError, type Env } from "./env.js";

type JobEnv = Pick<
  Env,
  | "APP_ID"
  | "PRIVATE_KEY"
  | "PRIVATE_KEY_PATH"
  | "GHE_HOST"
  | "GHE_PROTOCOL"
  | "BOT_LOGIN"
  | "LOG_LEVEL"
  | "DOCS_LIVE"
  | "DOCS_CACHE_DIR"
  | "LLM_API_KEY"
  | "REDIS_URL"
  | "QUEUE_PREFIX"
> &
  Partial<Pick<Env, "GITHUB_THROTTLE" | "ACTION_REF" | "ONBOARDING_ISSUE">> & {
    WEBHOOK_SECRET?: string | undefined;
  };

/**
 * Everything a process that runs jobs needs, from the environment: the job thread of the server and the
 * `devops-agent worker` processes build the same thing, so both behave alike.
 */
export function jobSettingsFromEnv(
  config: JobEnv,
  privateKey: string,
  llm: LlmSettings | null,
  env: NodeJS.ProcessEnv,
  /**
   * The app's login when already known (the server learns it at start-up); else BOT_LOGIN; empty: the
   * process that runs the jobs learns it from GET /app.
   */
  botLogin: string = config.BOT_LOGIN ?? "",
): WorkerSettings {
  const bot = botLogin || "devops-agent[bot]";
  const github = githubUrls(config.GHE_HOST, config.GHE_PROTOCOL);
  return {
    probot: {
      appId: config.APP_ID,
      privateKey,
      baseUrl: github.api,
      ...(config.REDIS_URL ? { redisConfig: config.REDIS_URL } : {}),
    },
    throttle: config.GITHUB_THROTTLE ?? true,
    logLevel: config.LOG_LEVEL === "silent" ? "fatal" : config.LOG_LEVEL,
    botLogin,
    secrets: [privateKey, config.WEBHOOK_SECRET, config.LLM_API_KEY, config.REDIS_URL].filter(
      (s): s is string => s !== undefined,
    ),
    llm,
    workspaces: {
      gitBaseUrl: github.web,
      webBaseUrl: github.web,
      author: { name: bot, email: `${config.APP_ID}+${bot}@users.noreply.github.com` },
      ...(config.ACTION_REF ? { actionRef: config.ACTION_REF } : {}),
      onboardingIssue: config.ONBOARDING_ISSUE ?? true,
    },
    docs: config.DOCS_LIVE ? (config.DOCS_CACHE_DIR ? { cacheDir: config.DOCS_CACHE_DIR } : {}) : null,
    // With REDIS_URL every replica shares one feedback store there; otherwise a file store per process
    // (unless DATA_DIR points at storage the replicas share).
    feedback: {
      dir: defaultFeedbackDir(env),
      ...(config.REDIS_URL ? { redis: { url: config.REDIS_URL, prefix: config.QUEUE_PREFIX } } : {}),
    },
  };
}

type QueueEnv = Pick<Env, "QUEUE_PREFIX" | "JOB_LEASE_SECONDS" | "JOB_ATTEMPTS" | "JOB_BACKOFF_SECONDS">;

export function redisQueueSettings(url: string, config: QueueEnv): RedisQueueSettings {
  return {
    url,
    prefix: config.QUEUE_PREFIX,
    leaseMs: config.JOB_LEASE_SECONDS * 1000,
    seenTtlSeconds: 3 * 24 * 3600,
    maxAttempts: config.JOB_ATTEMPTS,
    backoffMs: config.JOB_BACKOFF_SECONDS * 1000,
  };
}

/** The PEM text, from PRIVATE_KEY (plain or base64, as Probot accepts) or the file at PRIVATE_KEY_PATH. */
export function readPrivateKey(config: Pick<Env, "PRIVATE_KEY" | "PRIVATE_KEY_PATH">): string {
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
