import { Probot, ProbotOctokit } from "probot";
import { createConnector } from "../connect.js";
import { learnBotLogin } from "../adapters/github/identity.js";
import { octokitFor } from "../adapters/github/enterprise.js";
import { createJobProcessor, type JobProcessor } from "../tasks/process-job.js";
import { createAbandonReporter, type AbandonReporter } from "../tasks/report-failure.js";
import { defaultTasks } from "../tasks/registry.js";
import { redactingLog } from "../tasks/log.js";
import type { Log } from "../tasks/types.js";
import type { WorkerSettings } from "./worker-protocol.js";
import { fencedWrites } from "./fence.js";

/**
 * Builds what runs jobs away from the webhook server — on the job thread, or in a `devops-agent worker`
 * process: its own Probot (installation tokens, retries, and throttling, which Probot coordinates across
 * replicas through Redis when `probot.redisConfig` is set) and the job processor.
 */
export async function createJobHost(
  settings: WorkerSettings,
): Promise<{ process: JobProcessor; giveUp: AbandonReporter; log: Log }> {
  const Unfenced = settings.throttle
    ? ProbotOctokit
    : ProbotOctokit.defaults((options: Record<string, unknown>) => ({
        ...options,
        throttle: { enabled: false },
      }));
  // A queue worker that lost its job's lease must not write to GitHub (see jobs/fence.ts).
  const Base = Unfenced.plugin(fencedWrites);
  // Every request, the installation-token exchange included, goes to the configured API (GHE or github.com).
  const Octokit = settings.probot.baseUrl ? octokitFor(settings.probot.baseUrl, Base) : Base;
  const probot = new Probot({ ...settings.probot, Octokit, logLevel: settings.logLevel });
  await probot.ready();
  const log = redactingLog(probot.log.child({ name: "devops-agent" }));
  // A worker process learns the app's login itself (GET /app) unless told; only its comments are trusted.
  const botLogin = settings.botLogin !== "" ? settings.botLogin : await learnBotLogin(probot);
  const connect = createConnector(probot, {
    botLogin,
    secrets: settings.secrets,
    llm: settings.llm,
    workspaces: settings.workspaces,
    docs: settings.docs,
    feedback: settings.feedback,
  });
  const process = createJobProcessor({ connect, tasks: defaultTasks, log });
  return { process, giveUp: createAbandonReporter({ connect, log }), log };
}
