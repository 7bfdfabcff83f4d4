// `devops-agent worker` in its own process, from the sources (`npm run cli -- worker`), against a real Redis.
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { fileURLToPath } from "node:url";
import { expect, it } from "@jest/globals";
import { describeRedis, freePort, testPrefix } from "../helpers/redis.js";

const cli = fileURLToPath(new URL("../../scripts/cli.ts", import.meta.url));
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();

function worker(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", cli, "worker"], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describeRedis("devops-agent worker", (redis) => {
  it("refuses to start without REDIS_URL, naming it, with exit code 2", async () => {
    const run = worker({ APP_ID: "1", PRIVATE_KEY: pem });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/^devops-agent worker: .*REDIS_URL/);
    expect(run.stderr().trim().split("\n")).toHaveLength(1);
  }, 30_000);

  it("serves /healthz with the queue state and drains on SIGTERM", async () => {
    const port = await freePort();
    const run = worker({
      APP_ID: "1",
      PRIVATE_KEY: pem,
      REDIS_URL: redis().url,
      QUEUE_PREFIX: testPrefix("cli-worker"),
      HEALTH_PORT: String(port),
      BOT_LOGIN: "devops-agent[bot]",
      DOCS_LIVE: "false",
    });
    for (let i = 0; i < 600 && !run.stderr().includes("running"); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: "ok",
      role: "worker",
      queue: { running: 0, waiting: 0, seen: 0, failed: 0, redis: "up" },
    });
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  }, 40_000);
});
