// Real Redis for the queue tests: the one `.ci/run` starts (REDIS_TEST_URL), or a private redis-server
// when one is installed. Without either the tests skip with a visible reason, except in CI, where they fail.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "@jest/globals";

const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;

export interface TestRedis {
  url: string;
  port: number;
  /** Stops Redis (SIGTERM writes the AOF; SIGKILL loses what was not fsynced) and starts it again. */
  restart(signal?: NodeJS.Signals, downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A private redis-server on a free loopback port, with the append-only file on (fsync every write). */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "redis-test-"));
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--dir",
        dir,
      ],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 100; i += 1) {
      if (
        spawnSync("redis-cli", ["-p", String(port), "ping"])
          .stdout?.toString()
          .trim() === "PONG"
      )
        return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on port ${port} did not start`);
  };
  const halt = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(signal = "SIGTERM", downMs = 300) {
      await halt(signal);
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      await halt("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `describe` for tests that need Redis: gets a URL (the shared one, or a private server when `own` is set
 * or no shared one exists) before the block runs.
 */
export function describeRedis(
  name: string,
  body: (redis: () => TestRedis | { url: string }) => void,
  own = false,
): void {
  const shared = process.env.REDIS_TEST_URL;
  if (!(shared && !own) && !hasRedisServer) {
    if (process.env.CI) {
      describe(name, () => {
        it("needs Redis: CI must provide REDIS_TEST_URL and redis-server", () => {
          throw new Error("no REDIS_TEST_URL and no redis-server on PATH — CI never skips the queue tests");
        });
      });
      return;
    }
    console.warn(`SKIPPED "${name}": no Redis (set REDIS_TEST_URL or install redis-server)`);
    describe.skip(name, () => body(() => ({ url: "" })));
    return;
  }
  describe(name, () => {
    let redis: TestRedis | { url: string } = { url: shared ?? "" };
    let started: TestRedis | undefined;
    beforeAll(async () => {
      if (own || !shared) redis = started = await startRedis();
    });
    afterAll(async () => {
      await started?.stop();
    });
    body(() => redis);
  });
}

/** A key prefix of its own per test file and run, so parallel Jest workers never share keys. */
export function testPrefix(file: string): string {
  return `{t-${file}-${process.pid}-${Math.random().toString(36).slice(2, 8)}}`;
}
