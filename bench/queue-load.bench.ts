// Load and faults on the Redis queue, end to end with real processes: signed deliveries over HTTP to the
// server (`node dist/server.js`), jobs run by 1, 2 and 4 `devops-agent worker` processes, GitHub answered by
// a stand-in that takes LATENCY_MS per request. The in-process default (no REDIS_URL) is measured in the
// same run as the baseline. Then the faults: kill -9 of a worker every few seconds and a Redis restart
// (AOF on) while the deliveries flow; lost and duplicated outcomes are counted from what reached "GitHub".
// Each job is `/agent feedback` without text: it reads config and permission, reacts, and posts a
// "problems" comment keyed by the triggering comment — one visible outcome per delivery.
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startLatentGitHub } from "./queue/github.js";
import * as procs from "./queue/processes.js";
import { percentile, report } from "./util.js";

const TOTAL = Number(process.env.QUEUE_BENCH_TOTAL ?? 2000);
const RATE = 100; // deliveries per second
const THREADS = 200; // distinct issues: each gets TOTAL / THREADS jobs, run one at a time in order
const LATENCY_MS = 50;
const CONCURRENCY = 16; // threads one process runs at once (JOB_CONCURRENCY), the same for every shape
const SECRET = "bench-secret";
const DONE_TIMEOUT_MS = 300_000;
// Short, so a killed worker's thread is taken over within seconds; production's default is 30 s.
const LEASE_SECONDS = process.env.QUEUE_BENCH_LEASE_SECONDS ?? "3";
// Which shapes to run (substring of the name), e.g. "4 workers" for a quick look at one shape.
const ONLY = process.env.QUEUE_BENCH_SHAPES ?? "";

if (!procs.redisInstalled()) {
  console.log("queue-load: SKIPPED — needs redis-server on PATH (Debian: apt-get install redis-server)");
  process.exit(0);
}

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples") as { name: string; examples: object[] }[];
const template = examples
  .find((d) => d.name === "issue_comment")
  ?.examples.find((e) => (e as { action?: string }).action === "created");
if (!template) throw new Error("no issue_comment.created example");

interface Delivery {
  id: string;
  commentId: number;
  issue: number;
  body: string;
}

function deliveries(tag: string, base: number): Delivery[] {
  return Array.from({ length: TOTAL }, (_, i) => {
    const payload = structuredClone(template) as Record<string, Record<string, unknown>>;
    const issue = (i % THREADS) + 1;
    const commentId = base + i;
    payload.installation = { id: 1 };
    payload.issue = { ...payload.issue, number: issue };
    payload.comment = { ...payload.comment, id: commentId, body: "/agent feedback" };
    return { id: `${tag}-${i}`, commentId, issue, body: JSON.stringify(payload) };
  });
}

interface Sent {
  acks: number[];
  sentAt: Map<number, number>;
  rejected: Delivery[];
}

function post(url: string, d: Delivery): Promise<number> {
  const signature = `sha256=${createHmac("sha256", SECRET).update(d.body).digest("hex")}`;
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issue_comment",
      "x-github-delivery": d.id,
      "x-hub-signature-256": signature,
    },
    body: d.body,
  }).then(
    async (res) => {
      await res.arrayBuffer();
      return res.status;
    },
    () => 0,
  );
}

/**
 * Sends at RATE per second, except that a delivery waits for the acknowledgement of the previous one on
 * the same issue: then the order the server accepted them in is known, and the per-thread order of the
 * outcomes can be checked against it. `during(i)` runs before delivery i (fault injection).
 */
async function send(url: string, list: Delivery[], during?: (i: number) => void): Promise<Sent> {
  const sent: Sent = { acks: [], sentAt: new Map(), rejected: [] };
  const start = performance.now();
  const pending: Promise<void>[] = [];
  const previous = new Map<number, Promise<void>>();
  for (let i = 0; i < list.length; i += 1) {
    const wait = start + (i * 1000) / RATE - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    during?.(i);
    const d = list[i] as Delivery;
    const done = (previous.get(d.issue) ?? Promise.resolve()).then(async () => {
      const t0 = performance.now();
      sent.sentAt.set(d.commentId, Date.now());
      const status = await post(url, d);
      if (status >= 200 && status < 300) sent.acks.push(performance.now() - t0);
      else sent.rejected.push(d);
    });
    previous.set(d.issue, done);
    pending.push(done);
  }
  await Promise.all(pending);
  sent.acks.sort((a, b) => a - b);
  return sent;
}

type GitHub = Awaited<ReturnType<typeof startLatentGitHub>>;

async function waitDone(github: GitHub, list: Delivery[]): Promise<void> {
  const want = new Set(list.map((d) => `problems:${d.commentId}`));
  let seen = 0;
  let lastProgress = Date.now();
  while (Date.now() - lastProgress < 60_000 && Date.now() - lastProgress < DONE_TIMEOUT_MS) {
    const now = new Set(github.created.map((c) => c.marker).filter((m) => want.has(m))).size;
    if (now === want.size) return;
    if (now > seen) [seen, lastProgress] = [now, Date.now()];
    await new Promise((r) => setTimeout(r, 200));
  }
}

function outcomes(github: GitHub, list: Delivery[], sent: Sent, neverAcked: Set<number>) {
  const firstAt = new Map<string, number>();
  const count = new Map<string, number>();
  const orderByIssue = new Map<number, number[]>();
  for (const c of github.created) {
    count.set(c.marker, (count.get(c.marker) ?? 0) + 1);
    if (!firstAt.has(c.marker)) firstAt.set(c.marker, c.at);
    const id = Number(c.marker.split(":")[1]);
    orderByIssue.set(c.issue, [...(orderByIssue.get(c.issue) ?? []), id]);
  }
  const e2e: number[] = [];
  let lost = 0;
  let last = 0;
  for (const d of list) {
    const at = firstAt.get(`problems:${d.commentId}`);
    // Lost: acknowledged (at first or on redelivery) and yet no outcome ever reached GitHub.
    if (at === undefined && !neverAcked.has(d.commentId)) lost += 1;
    if (at === undefined) continue;
    e2e.push(at - (sent.sentAt.get(d.commentId) ?? at));
    last = Math.max(last, at);
  }
  const duplicates = [...count.values()].reduce((n, c) => n + c - 1, 0);
  // Redelivered deliveries are new arrivals: their place in the order is where they arrived again.
  const redelivered = new Set(sent.rejected.map((d) => d.commentId));
  let outOfOrder = 0;
  for (const ids of orderByIssue.values()) {
    const kept = ids.filter((id) => !redelivered.has(id));
    for (let i = 1; i < kept.length; i += 1) if ((kept[i] ?? 0) < (kept[i - 1] ?? 0)) outOfOrder += 1;
  }
  e2e.sort((a, b) => a - b);
  const first = Math.min(...sent.sentAt.values());
  return { e2e, lost, duplicates, outOfOrder, jobsPerSecond: e2e.length / ((last - first) / 1000) };
}

const build = await procs.buildForBench();
const dataDir = mkdtempSync(join(tmpdir(), "bench-queue-"));
const redis = await procs.startRedis(dataDir);
const github = await startLatentGitHub(LATENCY_MS);
const base = procs.appEnv(github.host, dataDir);
const serverEnv = { ...base, WEBHOOK_SECRET: SECRET, JOB_CONCURRENCY: String(CONCURRENCY) };
const queueEnv = {
  REDIS_URL: redis.url,
  JOB_CONCURRENCY: String(CONCURRENCY),
  JOB_LEASE_SECONDS: LEASE_SECONDS,
  JOB_BACKOFF_SECONDS: "0.5",
};
const rows: Record<string, Record<string, string | number>> = {};
let nextBase = 1_000_000;

const load1 = () => (loadavg()[0] ?? 0).toFixed(1);

async function round(name: string, workers: number, faults: boolean): Promise<void> {
  if (!name.includes(ONLY)) return;
  const loadBefore = load1();
  github.reset();
  redis.flush();
  const list = deliveries(name, nextBase);
  nextBase += TOTAL;
  const server = await procs.startServer(
    build.server,
    workers > 0 ? { ...serverEnv, ...queueEnv } : serverEnv,
  );
  const pool = await Promise.all(
    Array.from({ length: workers }, () => procs.startQueueWorker(build.bin, { ...base, ...queueEnv })),
  );
  const url = `http://127.0.0.1:${server.port}/api/github/webhooks`;
  // Where the CPU goes, per process kind (the bench's own process is the sender plus the GitHub stand-in).
  const cpu = () => ({
    server: procs.cpuMs(server.child.pid),
    workers: pool.reduce((sum, w) => sum + procs.cpuMs(w.child.pid), 0),
    redis: workers > 0 ? redis.cpu() : 0,
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  });
  const cpuAtStart = cpu();
  let kills = 0;
  const replacing: Promise<void>[] = [];
  const faultsAt = (i: number) => {
    // Every 3 s (300 deliveries) one worker is killed -9 and its replacement started, as ECS would.
    if (i > 0 && i % (RATE * 3) === 0) {
      const victim = pool.splice(Math.floor(Math.random() * pool.length), 1)[0];
      if (victim) {
        kills += 1;
        victim.child.kill("SIGKILL");
        replacing.push(
          procs.startQueueWorker(build.bin, { ...base, ...queueEnv }).then((w) => void pool.push(w)),
        );
      }
    }
    if (i === Math.floor(TOTAL * 0.4)) replacing.push(redis.restart(1000));
  };
  const sent = await send(url, list, faults ? faultsAt : undefined);
  await Promise.all(replacing);
  // A delivery that was not acknowledged shows red on GitHub and is redelivered (same delivery id).
  const again = sent.rejected.length > 0 ? await send(url, sent.rejected) : null;
  await waitDone(github, list);
  const neverAcked = new Set((again?.rejected ?? []).map((d) => d.commentId));
  const result = outcomes(github, list, sent, neverAcked);
  const counters = workers > 0 ? redis.counters() : {};
  const cpuAtEnd = cpu();
  const perJob = (what: keyof typeof cpuAtEnd) => (cpuAtEnd[what] - cpuAtStart[what]) / TOTAL;
  rows[name] = {
    "load avg before": loadBefore,
    "load avg after": load1(),
    "ack p50 ms": percentile(sent.acks, 50),
    "ack p99 ms": percentile(sent.acks, 99),
    "jobs/s": result.jobsPerSecond,
    "e2e p50 ms": percentile(result.e2e, 50),
    "e2e p99 ms": percentile(result.e2e, 99),
    lost: result.lost,
    duplicates: result.duplicates,
    "out of order": result.outOfOrder,
    ...(workers > 0
      ? {
          "job restarts": counters.restarts ?? 0,
          "lease lost": counters["lease-lost"] ?? 0,
          "wake-ups stalled": counters["wake-stalled"] ?? 0,
        }
      : {}),
    ...(faults
      ? { "kill -9": kills, "redis restarts": 1 }
      : {
          "CPU ms/job server": perJob("server"),
          ...(workers > 0
            ? { "CPU ms/job workers": perJob("workers"), "CPU ms/job redis": perJob("redis") }
            : {}),
          "CPU ms/job bench+stand-in": perJob("bench"),
        }),
    ...(sent.rejected.length > 0 ? { "not acked, redelivered": sent.rejected.length } : {}),
    ...(neverAcked.size > 0 ? { "not acked after redelivery": neverAcked.size } : {}),
  };
  await Promise.all([...pool.map((w) => procs.stop(w)), procs.stop(server)]);
  report(`queue-load (${name})`, rows[name]);
}

try {
  console.log(
    `queue-load: ${TOTAL} deliveries at ${RATE}/s over ${THREADS} issues, GitHub stand-in ${LATENCY_MS} ms per request, ` +
      `JOB_CONCURRENCY=${CONCURRENCY}, JOB_LEASE_SECONDS=${LEASE_SECONDS}; workers at nice 10 (as the in-process ` +
      `default's job thread), server and Redis at 0; shared 2-core machine ` +
      `(figures vary with the other load on it: the 1-minute load average is printed before and after each shape)`,
  );
  await round("in-process default", 0, false);
  for (const n of [1, 2, 4]) await round(`redis, ${n} worker${n > 1 ? "s" : ""}`, n, false);
  await round("redis, 4 workers, faults", 4, true);
  const one = rows["redis, 1 worker"]?.["jobs/s"];
  const four = rows["redis, 4 workers"]?.["jobs/s"];
  const inProcess = rows["in-process default"]?.["ack p99 ms"];
  const redisAck = rows["redis, 4 workers"]?.["ack p99 ms"];
  report("queue-load", {
    "4 workers / 1 worker throughput": Number(four) / Number(one),
    "ack p99 redis (4 workers) / in-process": Number(redisAck) / Number(inProcess),
    "stand-in requests": github.requests(),
  });
} finally {
  await github.close();
  await redis.stop();
  await build.remove();
  rmSync(dataDir, { recursive: true, force: true });
}
