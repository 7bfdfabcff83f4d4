// A job that kills its worker every time it runs, with real `devops-agent worker` processes on a real
// Redis: each start is cut short by kill -9 (as an out-of-memory kill would), a supervisor starts a new
// worker, and once the attempts are spent the job is given up — a failure comment on the issue, a record in
// Redis, the audit line — and the thread's next job still runs.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { createRedisQueue } from "../../../src/jobs/redis/queue.js";
import type { Job } from "../../../src/jobs/types.js";
import { appPrivateKey, waitFor } from "../../helpers/app-process.js";
import { startGitHubStandIn } from "../../helpers/github-standin.js";
import { describeRedis, testPrefix } from "../../helpers/redis.js";

const cli = fileURLToPath(new URL("../../../scripts/cli.ts", import.meta.url));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const helpJob = (id: string, sender: string): Job => ({
  id,
  deliveryId: id,
  installationId: 1,
  owner: "Codertocat",
  repo: "Hello-World",
  sender,
  number: 1,
  isPullRequest: false,
  receivedAt: Date.now(),
  kind: "command",
  command: { name: "help" },
  commentId: null,
  origin: "issue_comment",
});

describeRedis("a job that kills its worker on every start", (redis) => {
  const dataDir = mkdtempSync(join(tmpdir(), "poison-"));
  const workers: ChildProcess[] = [];
  const outputs: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
    for (const cleanup of cleanups) await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is given up after its attempts with a failure comment and a record, and the thread moves on", async () => {
    const prefix = testPrefix("poison");
    const key = appPrivateKey();
    let current: ChildProcess | undefined;
    let kills = 0;
    const github = await startGitHubStandIn({
      permissions: { Codertocat: "admin", poison: "write" },
      // The poison job reaches the permission check and its worker dies there, every time.
      hold: (request) => {
        if (!request.path.endsWith("/collaborators/poison/permission")) return false;
        kills += 1;
        current?.kill("SIGKILL");
        current = startWorker(); // the supervisor (ECS, Kubernetes) replaces the dead task
        return true;
      },
    });
    cleanups.push(() => github.close());
    const startWorker = (): ChildProcess => {
      const child = spawn(process.execPath, ["--import", "tsx", cli, "worker"], {
        env: {
          PATH: process.env.PATH ?? "",
          APP_ID: "1",
          PRIVATE_KEY: key,
          REDIS_URL: redis().url,
          QUEUE_PREFIX: prefix,
          JOB_LEASE_SECONDS: "2",
          JOB_ATTEMPTS: "2",
          JOB_BACKOFF_SECONDS: "0.1",
          GHE_HOST: github.host,
          GHE_PROTOCOL: "http",
          BOT_LOGIN: "devops-agent[bot]",
          DOCS_LIVE: "false",
          DATA_DIR: dataDir,
          HOST: "127.0.0.1",
          HEALTH_PORT: "0",
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const index = outputs.push("") - 1;
      const collect = (chunk: Buffer) => (outputs[index] += chunk.toString("utf8"));
      child.stdout?.on("data", collect);
      child.stderr?.on("data", collect);
      workers.push(child);
      return child;
    };

    const queue = await createRedisQueue(
      { url: redis().url, prefix, leaseMs: 2000, seenTtlSeconds: 60, maxAttempts: 2, backoffMs: 100 },
      quiet,
    );
    cleanups.push(() => queue.close());
    expect(await queue.enqueue(helpJob("poison-delivery", "poison"))).toBe(true);
    expect(await queue.enqueue(helpJob("next-delivery", "Codertocat"))).toBe(true);
    current = startWorker();
    await waitFor("both jobs to end", () => github.comments().length >= 2, 100_000);
    await queue.idle();

    expect(kills).toBe(2);
    const bodies = github.comments().map((c) => c.body);
    const failure = bodies.find((b) => b.includes("I could not finish `/agent help`"));
    expect(failure).toContain("the worker running it stopped 2 times before it finished");
    expect(failure).toContain("`poison-delivery`");
    expect(bodies.some((b) => b.includes("devops-agent commands"))).toBe(true);
    expect(github.violations).toEqual([]);

    expect(await queue.stats()).toMatchObject({ waiting: 0, failed: 1 });
    const inspect = new Redis(redis().url);
    const records = await inspect.lrange(`${prefix}:failed`, 0, -1);
    inspect.disconnect();
    expect(records.map((r) => JSON.parse(r) as object)).toEqual([
      {
        id: "poison-delivery",
        thread: "Codertocat/Hello-World#1",
        starts: 2,
        reported: true,
        at: expect.any(Number),
      },
    ]);
    const survivor = outputs.at(-1) ?? "";
    expect(survivor).toContain("job given up");
    expect(survivor).toMatch(/"delivery": ?"poison-delivery",[^}]*"outcome": ?"failed"/);
    expect(workers.slice(0, 2).map((w) => w.signalCode)).toEqual(["SIGKILL", "SIGKILL"]);
  }, 150_000);
});
