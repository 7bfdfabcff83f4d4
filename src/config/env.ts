import { z } from "zod";

const optionalText = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v ? v : undefined));

/** Process environment, parsed once at start-up. A missing or bad variable stops the process, by name. */
export const EnvSchema = z
  .object({
    APP_ID: z.string().regex(/^\d+$/, "the numeric App ID from the GitHub App's settings page"),
    PRIVATE_KEY: optionalText,
    PRIVATE_KEY_PATH: optionalText,
    WEBHOOK_SECRET: z.string().min(1, "the webhook secret set in the GitHub App's settings"),
    WEBHOOK_PATH: z.string().startsWith("/").default("/api/github/webhooks"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    /** A GitHub Enterprise Server (host[:port]) instead of github.com, as Probot reads it. */
    GHE_HOST: optionalText,
    GHE_PROTOCOL: z.enum(["https", "http"]).default("https"),
    BOT_LOGIN: optionalText,
    /** `worker`: jobs run on a worker thread (the default); `inline`: on the webhook thread. */
    JOB_EXECUTION: z.enum(["worker", "inline"]).default("worker"),
    JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    DRAIN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Fetch live AWS and provider docs for the agent (cached on disk); off: the bundled schema only. */
    DOCS_LIVE: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    DOCS_CACHE_DIR: optionalText,
    LLM_API_KEY: optionalText,
    LLM_BASE_URL: z.url().optional(),
    LLM_MODEL: z.string().min(1).default("gpt-4o-mini"),
    /** Set: jobs go to Redis (BullMQ) and `devops-agent worker` processes run them; Probot also uses it. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "a redis:// or rediss:// URL (rediss for TLS, e.g. ElastiCache in transit)")
      .optional(),
    QUEUE_PREFIX: z.string().min(1).default("{devops-agent}"),
    JOB_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
    JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    JOB_BACKOFF_SECONDS: z.coerce.number().min(0.1).max(300).default(5),
    /**
     * Client-side GitHub throttling (Probot's: writes 1/s, comments 1 per 3 s per app, shared across
     * replicas through REDIS_URL). `false` only for a GitHub Enterprise Server with rate limits disabled,
     * or a load test against a stand-in: github.com answers a flood with secondary rate limits.
     */
    /** Where this deployment's Action is published; `/agent setup` writes it into the workflows it proposes. */
    ACTION_REF: z
      .string()
      .regex(
        /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}(?:\/[A-Za-z0-9._-]{1,100}){0,4}@[A-Za-z0-9._/-]{1,100}$/,
        "an Action reference like acme/aws-devops-agent/action@v1",
      )
      .optional(),
    /** Open one "Set up aws-devops-agent" issue per repository the app is installed on (never reopened). */
    ONBOARDING_ISSUE: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    GITHUB_THROTTLE: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
  })
  .refine((env) => env.PRIVATE_KEY !== undefined || env.PRIVATE_KEY_PATH !== undefined, {
    message: "set PRIVATE_KEY (the PEM text) or PRIVATE_KEY_PATH (a path to the .pem file)",
    path: ["PRIVATE_KEY"],
  });

export type Env = z.infer<typeof EnvSchema>;

/** A `devops-agent worker` process: no webhooks to verify, a Redis URL it cannot do without. */
export const WorkerEnvSchema = z
  .object(EnvSchema.shape)
  .omit({ WEBHOOK_SECRET: true, WEBHOOK_PATH: true, JOB_EXECUTION: true })
  .extend({
    REDIS_URL: EnvSchema.shape.REDIS_URL.unwrap(),
    /** The worker's health endpoint (GET /healthz); 0 picks a free port. */
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    /** Print the queue depth as CloudWatch embedded-metric lines, for autoscaling on ECS. */
    METRICS_EMF: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  })
  .refine((env) => env.PRIVATE_KEY !== undefined || env.PRIVATE_KEY_PATH !== undefined, {
    message: "set PRIVATE_KEY (the PEM text) or PRIVATE_KEY_PATH (a path to the .pem file)",
    path: ["PRIVATE_KEY"],
  });
export type WorkerEnv = z.infer<typeof WorkerEnvSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  return parseWith(EnvSchema, source);
}

export function parseWorkerEnv(source: NodeJS.ProcessEnv): WorkerEnv {
  return parseWith(WorkerEnvSchema, source);
}

function parseWith<T>(schema: z.ZodType<T>, source: NodeJS.ProcessEnv): T {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
  throw new EnvError(`Missing or bad environment variables:\n${lines.join("\n")}`);
}
