import { z } from "zod";
import { LlmSettingsSchema } from "../adapters/llm/settings.js";
import type { Job } from "./types.js";

/** What the main thread hands the job worker. Plain data: the worker builds its own Probot from it. */
export const WorkerSettingsSchema = z.object({
  probot: z.object({
    appId: z.string().optional(),
    privateKey: z.string().optional(),
    githubToken: z.string().optional(),
    baseUrl: z.string().optional(),
    /** Probot's throttling shares one rate-limit budget per installation across replicas through Redis. */
    redisConfig: z.string().optional(),
  }),
  throttle: z.boolean(),
  logLevel: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]),
  botLogin: z.string().min(1),
  secrets: z.array(z.string()),
  llm: LlmSettingsSchema.nullable(),
  docs: z.object({ cacheDir: z.string().optional() }).nullable(),
  feedback: z
    .object({ dir: z.string(), redis: z.object({ url: z.string(), prefix: z.string() }).optional() })
    .nullable()
    .optional(),
  workspaces: z.object({
    gitBaseUrl: z.string(),
    webBaseUrl: z.string().optional(),
    author: z.object({ name: z.string(), email: z.string() }),
    allowFileProtocol: z.boolean().optional(),
    actionRef: z.string().optional(),
    onboardingIssue: z.boolean().optional(),
  }),
});
export type WorkerSettings = z.infer<typeof WorkerSettingsSchema>;

export type ToWorker = { type: "job"; job: Job };
export type FromWorker =
  { type: "ready" } | { type: "done"; id: string } | { type: "failed"; id: string; error: string };
