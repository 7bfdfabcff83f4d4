import type { ApplicationFunction, Probot } from "probot";
import { z } from "zod";
import { createRedactor } from "./core/redact/index.js";
import { createGitHubPort } from "./adapters/github/index.js";
import { createApp } from "./index.js";
import { createMemoryQueue } from "./jobs/memory-queue.js";
import type { JobQueue } from "./jobs/types.js";
import { createJobProcessor, type Connection } from "./tasks/process-job.js";
import { defaultTasks } from "./tasks/registry.js";
import type { CommandTask, Log } from "./tasks/types.js";

export interface RuntimeOptions {
  probot: Probot;
  log: Log;
  concurrency: number;
  botLogin?: string | undefined;
  tasks?: readonly CommandTask[];
  now?: () => number;
  /** Secrets the server holds (LLM key, private key) that must never be printed. */
  secrets?: (string | undefined)[];
}

export interface Runtime {
  appFn: ApplicationFunction;
  queue: JobQueue;
}

const TokenAuth = z.object({ token: z.string() });

/** Wires handlers → queue → job processor for one Probot instance. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const now = options.now ?? Date.now;
  const connect = async (installationId: number): Promise<Connection> => {
    const octokit = (await options.probot.auth(installationId));
    const redactor = createRedactor(options.secrets ?? []);
    // Mask first, then use: the installation token is registered before any task can print anything.
    const auth = TokenAuth.safeParse(await octokit.auth({ type: "installation" }));
    if (auth.success) redactor.register(auth.data.token);
    const github = createGitHubPort(octokit, {
      redactText: (t) => redactor.redact(t),
      botLogin: options.botLogin,
    });
    return { github, octokit, redactor };
  };
  const processJob = createJobProcessor({
    connect,
    tasks: options.tasks ?? defaultTasks,
    log: options.log,
    now,
  });
  const queue = createMemoryQueue({
    concurrency: options.concurrency,
    process: processJob,
    onUnhandled: (job, error) => options.log.error({ job: job.id, err: String(error) }, "job crashed"),
  });
  return { appFn: createApp({ enqueue: (job) => queue.enqueue(job), log: options.log, now }), queue };
}
