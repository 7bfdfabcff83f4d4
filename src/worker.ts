// `devops-agent worker`: runs the jobs the webhook servers put in Redis. Any number of replicas.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createJobHost } from "./jobs/job-host.js";
import { createRedisWorker, type RedisWorker } from "./jobs/redis/worker.js";
import type { RedisQueueSettings } from "./jobs/redis/keys.js";
import type { WorkerSettings } from "./jobs/worker-protocol.js";

export interface WorkerProcessOptions {
  jobs: WorkerSettings;
  queue: RedisQueueSettings;
  concurrency: number;
  health: { host: string; port: number };
  /** Every this many ms, print the queue depth as a CloudWatch embedded-metric line; 0: never. */
  metricsEveryMs: number;
  print?: (line: string) => void;
}

export interface RunningWorker {
  worker: RedisWorker;
  health: Server;
  port: number;
  /** Stops taking work, finishes (or hands back) running jobs within `timeoutMs`, closes everything. */
  stop(timeoutMs: number): Promise<{ finished: boolean }>;
}

export async function startWorker(options: WorkerProcessOptions): Promise<RunningWorker> {
  const { process, giveUp, log } = await createJobHost(options.jobs);
  const worker = await createRedisWorker({
    settings: options.queue,
    concurrency: options.concurrency,
    process,
    giveUp,
    log,
  });
  let stopping = false;
  const health = createServer((req, res) => {
    if (req.method !== "GET" || (req.url !== "/healthz" && req.url !== "/healthz/")) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    void worker.stats().then((stats) => {
      const status = stopping ? "draining" : stats.redis === "down" ? "redis-down" : "ok";
      res.writeHead(status === "ok" ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status, role: "worker", queue: stats }));
    });
  });
  await new Promise<void>((resolve) => health.listen(options.health.port, options.health.host, resolve));
  const print = options.print ?? ((line: string) => void globalThis.process.stdout.write(`${line}\n`));
  const metrics =
    options.metricsEveryMs > 0
      ? setInterval(
          () => void worker.stats().then((s) => print(queueDepthMetric(s.waiting, Date.now()))),
          options.metricsEveryMs,
        )
      : undefined;
  log.info({ port: (health.address() as AddressInfo).port }, "devops-agent worker started");
  return {
    worker,
    health,
    port: (health.address() as AddressInfo).port,
    async stop(timeoutMs) {
      stopping = true;
      clearInterval(metrics);
      const result = await worker.close(timeoutMs);
      await new Promise<void>((resolve) => health.close(() => resolve()));
      return result;
    },
  };
}

/**
 * CloudWatch embedded metric format: a log line that CloudWatch Logs turns into the metric
 * `DevopsAgent/QueueDepth` on its own, so ECS can scale workers without an agent or API credentials.
 */
export function queueDepthMetric(depth: number, at: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [
        {
          Namespace: "DevopsAgent",
          Dimensions: [["Queue"]],
          Metrics: [{ Name: "QueueDepth", Unit: "Count" }],
        },
      ],
    },
    Queue: "jobs",
    QueueDepth: depth,
  });
}
