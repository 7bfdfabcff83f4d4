import type { ApplicationFunction, Probot } from "probot";
import { createConnector, type DocsSettings } from "./connect.js";
import { createApp } from "./index.js";
import { createMemoryQueue } from "./jobs/memory-queue.js";
import type { Job, JobQueue } from "./jobs/types.js";
import { createWorkerProcessor } from "./jobs/worker-processor.js";
import type { WorkerSettings } from "./jobs/worker-protocol.js";
import { createJobProcessor } from "./tasks/process-job.js";
import { defaultTasks } from "./tasks/registry.js";
import type { CommandTask, Log, WorkspaceSettings } from "./tasks/types.js";
import type { LlmSettings } from "./adapters/llm/index.js";
import type { FeedbackSettings } from "./adapters/feedback/index.js";

export interface RuntimeOptions {
  probot: Probot;
  log: Log;
  concurrency: number;
  /** The app's own `<slug>[bot]` login, learned at start-up (adapters/github/identity.ts). */
  botLogin: string;
  tasks?: readonly CommandTask[];
  now?: () => number;
  /** Secrets the server holds (LLM key, private key) that must never be printed. */
  secrets?: (string | undefined)[];
  /**
   * Where jobs run: on this thread (tests, small installs) or on a worker thread that builds its own
   * Probot from these settings, so job CPU never delays webhook acknowledgements.
   */
  worker?: WorkerSettings | undefined;
  /** Model settings for inline jobs; null or absent: recipes only. */
  llm?: LlmSettings | null;
  workspaces?: WorkspaceSettings;
  docs?: DocsSettings | null;
  feedback?: FeedbackSettings | null;
  /**
   * A shared queue (Redis) whose jobs other processes run (`devops-agent worker`): this process then only
   * verifies webhooks and enqueues. Absent: the in-process queue runs jobs here.
   */
  queue?: JobQueue;
}

const DEFAULT_WORKSPACES: WorkspaceSettings = {
  gitBaseUrl: "https://github.com",
  author: { name: "devops-agent[bot]", email: "devops-agent[bot]@users.noreply.github.com" },
};

export interface Runtime {
  appFn: ApplicationFunction;
  queue: JobQueue;
  close(): Promise<void>;
}

/** Wires handlers → queue → job processor for one Probot instance. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const now = options.now ?? Date.now;
  if (options.queue) {
    const shared = options.queue;
    return {
      appFn: createApp({ enqueue: (job) => shared.enqueue(job), log: options.log, now }),
      queue: shared,
      close: () => Promise.resolve(),
    };
  }
  const worker = options.worker ? createWorkerProcessor(options.worker) : null;
  const processJob = worker
    ? (job: Job) => worker.process(job)
    : createJobProcessor({
        connect: createConnector(options.probot, {
          botLogin: options.botLogin,
          secrets: options.secrets ?? [],
          llm: options.llm ?? null,
          workspaces: options.workspaces ?? DEFAULT_WORKSPACES,
          docs: options.docs ?? null,
          feedback: options.feedback ?? null,
        }),
        tasks: options.tasks ?? defaultTasks,
        log: options.log,
        now,
      });
  const queue = createMemoryQueue({
    concurrency: options.concurrency,
    process: processJob,
    onUnhandled: (job, error) => options.log.error({ job: job.id, err: String(error) }, "job crashed"),
  });
  return {
    appFn: createApp({ enqueue: (job) => queue.enqueue(job), log: options.log, now }),
    queue,
    close: async () => worker?.close(),
  };
}
