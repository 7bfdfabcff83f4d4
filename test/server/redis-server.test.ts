// Server and worker on a real Redis: a signed delivery over HTTP is acknowledged once it is stored, a
// worker (separate connections, as a separate replica) runs it, and both health endpoints report the queue.
import { afterEach, expect, it } from "@jest/globals";
import { createRedisQueue } from "../../src/jobs/redis/queue.js";
import { startWorker, type RunningWorker } from "../../src/worker.js";
import { gh } from "../helpers/github.js";
import { commentPayload } from "../helpers/payloads.js";
import { describeRedis, testPrefix } from "../helpers/redis.js";
import { postWebhook, startTestServer, type RunningServer } from "../helpers/server.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeRedis("the webhook server with the Redis queue", (redis) => {
  let server: RunningServer | undefined;
  let worker: RunningWorker | undefined;
  afterEach(async () => {
    await server?.shutdown();
    await worker?.stop(2000);
    server = worker = undefined;
  });
  const settings = () => ({
    url: redis().url,
    prefix: testPrefix("server"),
    // Long enough that a busy CI machine never loses the lease of this test's single job.
    leaseMs: 10_000,
    seenTtlSeconds: 60,
    maxAttempts: 3,
    backoffMs: 50,
  });

  it("stores the job, acknowledges, drops the redelivery, and a worker answers on the thread", async () => {
    const queue = settings();
    server = await startTestServer({ queue: await createRedisQueue(queue, quiet) });
    const body = JSON.stringify(commentPayload("/agent help"));
    expect((await postWebhook(server.url, "issue_comment", body, "redis-1")).status).toBe(200);
    expect((await postWebhook(server.url, "issue_comment", body, "redis-1")).status).toBe(200);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: "ok",
      queue: { running: 0, waiting: 1, seen: 1, failed: 0, redis: "up" },
    });

    let posted = "";
    const api = gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(492700400)
      .comments(1)
      .createComment(1, (b) => (posted = b));
    worker = await startWorker({
      jobs: {
        probot: { githubToken: "test-installation-token" },
        throttle: false,
        logLevel: "fatal",
        botLogin: "devops-agent[bot]",
        secrets: [],
        llm: null,
        docs: null,
        workspaces: { gitBaseUrl: "https://github.com", author: { name: "bot", email: "bot@example.com" } },
      },
      queue,
      concurrency: 2,
      health: { host: "127.0.0.1", port: 0 },
      metricsEveryMs: 0,
    });
    await server.runtime.queue.idle();
    expect(posted).toContain("devops-agent commands");
    expect(api.scope.isDone()).toBe(true);
    const workerHealth = await fetch(`http://127.0.0.1:${worker.port}/healthz`);
    expect(await workerHealth.json()).toEqual({
      status: "ok",
      role: "worker",
      queue: { running: 0, waiting: 0, seen: 1, failed: 0, redis: "up" },
    });
  }, 60_000);

  it("reports Redis down on /healthz (503) so the load balancer stops sending webhooks", async () => {
    const queue = await createRedisQueue({ ...settings(), url: "redis://127.0.0.1:1" }, quiet);
    server = await startTestServer({ queue });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "redis-down", queue: { redis: "down" } });
  });
});
