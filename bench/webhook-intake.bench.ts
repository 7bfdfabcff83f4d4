// Webhook intake: signed issue_comment.created deliveries at a fixed rate against the real HTTP server,
// GitHub's API answered by a local fake. Compares our app with a bare Probot app with a no-op handler, and
// (with redis-server installed) our app storing jobs in Redis (REDIS_URL mode, no workers running) with the
// in-process default: the acknowledgement path alone, side by side in one run.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { redisInstalled, startRedis } from "./queue/processes.js";
import { percentile, report } from "./util.js";

const RATE = 200; // deliveries per second
const SECONDS = 5;
const THREADS = 50; // distinct issues, so per-thread ordering does not serialize everything

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples") as {
  name: string;
  examples: Record<string, unknown>[];
}[];
const template = examples
  .find((d) => d.name === "issue_comment")
  ?.examples.find((e) => e.action === "created");
if (!template) throw new Error("no issue_comment.created example");

function fakeGitHub(): Promise<{ url: string; close: () => void; count: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on("end", () => {
      const url = req.url ?? "";
      res.setHeader("content-type", "application/json");
      if (url.includes("/contents/")) return res.writeHead(404).end('{"message":"Not Found"}');
      if (url.includes("/permission")) return res.end('{"permission":"write","role_name":"write"}');
      if (req.method === "GET") return res.end("[]");
      return res
        .writeHead(req.method === "POST" ? 201 : 200)
        .end('{"id":1,"html_url":"https://github.com/x","body":""}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close(), count: () => requests });
    }),
  );
}

async function startTarget(
  mode: "ours" | "bare" | "redis",
  apiUrl: string,
  redisUrl = "",
): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL("./intake/server.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, mode, apiUrl, redisUrl], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/api/github/webhooks`, child };
}

function delivery(i: number): { body: string; headers: Record<string, string> } {
  const payload = structuredClone(template) as Record<string, Record<string, unknown>>;
  payload.installation = { id: 1 };
  (payload.issue as Record<string, unknown>).number = (i % THREADS) + 1;
  (payload.comment as Record<string, unknown>).body = "/agent help";
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", "bench-secret").update(body).digest("hex")}`;
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "issue_comment",
      "x-github-delivery": `bench-${i}-${Math.random()}`,
      "x-hub-signature-256": signature,
    },
  };
}

async function load(url: string): Promise<{ latencies: number[]; failures: number; elapsed: number }> {
  const total = RATE * SECONDS;
  const prepared = Array.from({ length: total }, (_, i) => delivery(i));
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { body, headers } = prepared[i] ?? delivery(i);
    const sent = performance.now();
    pending.push(
      fetch(url, { method: "POST", headers, body }).then(
        async (res) => {
          await res.arrayBuffer();
          if (res.status >= 300) failures += 1;
          latencies.push(performance.now() - sent);
        },
        () => {
          failures += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  return {
    latencies: latencies.sort((a, b) => a - b),
    failures,
    elapsed: (performance.now() - start) / 1000,
  };
}

const api = await fakeGitHub();
const results: Record<string, { p50: number; p99: number; rate: number; failures: number }> = {};
const redisDir = mkdtempSync(join(tmpdir(), "bench-intake-"));
const redis = redisInstalled() ? await startRedis(redisDir) : null;
if (!redis) console.log("webhook intake (redis): SKIPPED — needs redis-server on PATH");
for (const mode of redis ? (["bare", "ours", "redis"] as const) : (["bare", "ours"] as const)) {
  const target = await startTarget(mode, api.url, redis?.url);
  await load(target.url).catch(() => undefined); // warm-up round: JIT, TLS-free keep-alive pool, WASM none
  const { latencies, failures, elapsed } = await load(target.url);
  target.child.kill("SIGTERM");
  results[mode] = {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rate: latencies.length / elapsed,
    failures,
  };
}
api.close();
await redis?.stop();
rmSync(redisDir, { recursive: true, force: true });

const ours = results.ours;
const bare = results.bare;
if (!ours || !bare) throw new Error("missing results");
for (const [mode, r] of Object.entries(results)) {
  report(`webhook intake (${mode})`, {
    "p50 ms": r.p50,
    "p99 ms": r.p99,
    "deliveries/s": r.rate,
    failures: r.failures,
  });
}
const ratio = ours.p99 / bare.p99;
const met = ours.p99 < 25 && ratio < 1.3 && ours.failures === 0;
report("webhook intake", {
  "p99 ratio ours/bare": ratio,
  target: `p99 < 25 ms at ${RATE}/s, ratio < 1.3`,
  result: met ? "met" : "NOT met",
  "fake GitHub requests served": api.count(),
});
const viaRedis = results.redis;
if (viaRedis) {
  const redisRatio = viaRedis.p99 / ours.p99;
  report("webhook intake, Redis queue vs in-process default", {
    "p99 ratio redis/in-process": redisRatio,
    target: "ratio ≤ 1.3",
    result: redisRatio <= 1.3 && viaRedis.failures === 0 ? "met" : "NOT met",
  });
}
