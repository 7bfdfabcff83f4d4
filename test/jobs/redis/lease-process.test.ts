// A worker that stalls past its lease, with real `devops-agent worker` processes on a real Redis and the
// real job processor: SIGSTOP freezes worker A after it has listed the comments and before it posts
// its own (as a starved CPU, a long GC pause or a partition would), the lease runs out, and worker B takes
// the thread over and runs the job. When A wakes it must not post a second comment: its writes pass a fence
// that finds the lease gone. Without the fence this test sees two comments for one delivery.
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
import { startGitHubStandIn, type StandInRequest } from "../../helpers/github-standin.js";
import { describeRedis, testPrefix } from "../../helpers/redis.js";

const cli = fileURLToPath(new URL("../../../scripts/cli.ts", import.meta.url));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const LEASE_SECONDS = 2;

const helpJob = (id: string): Job => ({
  id,
  deliveryId: id,
  installationId: 1,
  owner: "Codertocat",
  repo: "Hello-World",
  sender: "Codertocat",
  number: 1,
  isPullRequest: false,
  receivedAt: Date.now(),
  kind: "command",
  command: { name: "help" },
  commentId: null,
  origin: "issue_comment",
});

const isListComments = (r: StandInRequest) =>
  r.method === "GET" && r.path === "/repos/Codertocat/Hello-World/issues/1/comments";
const isPostComment = (r: StandInRequest) =>
  r.method === "POST" && r.path === "/repos/Codertocat/Hello-World/issues/1/comments";

describeRedis("a worker stalled past its job's lease", (redis) => {
  const dataDir = mkdtempSync(join(tmpdir(), "lease-"));
  const workers: ChildProcess[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
    for (const cleanup of cleanups) await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startWorker = (prefix: string, host: string, output: { text: string }): ChildProcess => {
    const child = spawn(process.execPath, ["--import", "tsx", cli, "worker"], {
      env: {
        PATH: process.env.PATH ?? "",
        APP_ID: "1",
        PRIVATE_KEY: appPrivateKey(),
        REDIS_URL: redis().url,
        QUEUE_PREFIX: prefix,
        JOB_LEASE_SECONDS: String(LEASE_SECONDS),
        JOB_BACKOFF_SECONDS: "0.1",
        GHE_HOST: host,
        GHE_PROTOCOL: "http",
        BOT_LOGIN: "devops-agent[bot]",
        GITHUB_THROTTLE: "false",
        DOCS_LIVE: "false",
        DATA_DIR: dataDir,
        HOST: "127.0.0.1",
        HEALTH_PORT: "0",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => (output.text += chunk.toString("utf8"));
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    workers.push(child);
    return child;
  };

  it("abandons its job without posting once another worker has taken the thread over", async () => {
    const prefix = testPrefix("lease");
    const a = { text: "", process: undefined as ChildProcess | undefined };
    let frozen = false;
    const github = await startGitHubStandIn({
      permissions: { Codertocat: "admin" },
      // A's first look at the comments is answered, and A is frozen before it can post.
      hold: (request) => {
        if (!frozen && isListComments(request)) {
          frozen = true;
          a.process?.kill("SIGSTOP");
        }
        return false;
      },
    });
    cleanups.push(() => github.close());
    const queue = await createRedisQueue(
      {
        url: redis().url,
        prefix,
        leaseMs: LEASE_SECONDS * 1000,
        seenTtlSeconds: 60,
        maxAttempts: 5,
        backoffMs: 100,
      },
      quiet,
    );
    cleanups.push(() => queue.close());
    expect(await queue.enqueue(helpJob("lease-delivery"))).toBe(true);

    a.process = startWorker(prefix, github.host, a);
    await waitFor("worker A to list the comments and freeze", () => frozen, 30_000);
    // B starts while A is frozen; A's lease runs out and B runs the job to its comment.
    startWorker(prefix, github.host, { text: "" });
    await waitFor("worker B to post the help comment", () => github.comments().length > 0, 30_000);
    a.process.kill("SIGCONT");
    await waitFor("worker A to end its run of the job", () => a.text.includes("job finished"), 15_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${a.text}`);
      },
    );
    await queue.idle();

    expect(github.requests.filter(isPostComment)).toHaveLength(1);
    expect(github.comments()).toHaveLength(1);
    expect(github.comments()[0]?.body).toContain("devops-agent commands");
    expect(a.text).toMatch(/"outcome": ?"abandoned"/);
    await waitFor("worker A to log why", () => a.text.includes("job abandoned: its lease was lost"));
    const inspect = new Redis(redis().url);
    const counters = await inspect.hgetall(`${prefix}:counters`);
    inspect.disconnect();
    expect(counters).toMatchObject({ "lease-lost": "1", restarts: "1" });
    expect(github.violations).toEqual([]);
  }, 90_000);
});
