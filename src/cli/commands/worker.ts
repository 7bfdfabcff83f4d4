import { llmSettingsFromEnv, LlmSettingsError } from "../../adapters/llm/settings.js";
import { EnvError, parseWorkerEnv, type WorkerEnv } from "../../config/env.js";
import { jobSettingsFromEnv, readPrivateKey, redisQueueSettings } from "../../config/job-settings.js";
import { type CliCommand, UsageError, parseCliArgs } from "../io.js";

export const workerCommand: CliCommand = {
  usage: "worker",
  summary: "runs queued jobs from Redis (REDIS_URL); any number of replicas",
  async run(argv, io) {
    parseCliArgs({ args: argv, allowPositionals: false, strict: true, options: {} });
    let env: WorkerEnv;
    let privateKey: string;
    try {
      env = parseWorkerEnv(io.env);
      privateKey = readPrivateKey(env);
    } catch (error) {
      if (error instanceof EnvError) throw new UsageError(error.message.replace(/\n\s*/g, " "));
      throw error;
    }
    let llm;
    try {
      llm = llmSettingsFromEnv(io.env);
    } catch (error) {
      if (error instanceof LlmSettingsError) throw new UsageError(error.message);
      throw error;
    }
    // Loaded only here: BullMQ, ioredis and Probot are not needed by the other commands.
    const { startWorker } = await import("../../worker.js");
    const running = await startWorker({
      jobs: jobSettingsFromEnv(env, privateKey, llm, io.env),
      queue: redisQueueSettings(env.REDIS_URL, env),
      concurrency: env.JOB_CONCURRENCY,
      health: { host: env.HOST, port: env.HEALTH_PORT },
      metricsEveryMs: env.METRICS_EMF ? 60_000 : 0,
    });
    io.stderr(`devops-agent worker: running, health on http://${env.HOST}:${running.port}/healthz`);
    const signal = await new Promise<string>((resolve) => {
      process.once("SIGTERM", () => resolve("SIGTERM"));
      process.once("SIGINT", () => resolve("SIGINT"));
    });
    io.stderr(`devops-agent worker: ${signal}, finishing running jobs`);
    const result = await running.stop(env.DRAIN_TIMEOUT_SECONDS * 1000);
    const code = result.finished ? 0 : 1;
    // Probot's throttling keeps its own Redis connection, which it offers no way to close: once our
    // work is handed back, nothing is left to finish, so the process ends here.
    setTimeout(() => process.exit(code), 200).unref();
    return code;
  },
};
