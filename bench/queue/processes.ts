// The processes the queue bench runs, each the way users run it: a private redis-server (AOF on), the
// server as `node dist/server.js`, workers as `devops-agent worker` (bin/devops-agent.js over dist/).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { setPriority } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../../scripts/build-app.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export function redisInstalled(): boolean {
  return spawnSync("redis-server", ["--version"]).status === 0;
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A private redis-server with the append-only file on (fsync every second, Redis's default). */
export async function startRedis(dir: string) {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let cpuBefore = 0; // CPU of Redis processes stopped by a restart
  const launch = async () => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes"];
    child = spawn("redis-server", [...args, "--dir", dir], { stdio: "ignore" });
    for (let i = 0; i < 200; i += 1) {
      const ping = spawnSync("redis-cli", ["-p", String(port), "ping"])
        .stdout?.toString()
        .trim();
      if (ping === "PONG") return;
      await sleep(50);
    }
    throw new Error(`redis-server on port ${port} did not start`);
  };
  const halt = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      cpuBefore += cpuMs(child.pid);
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    flush: () => spawnSync("redis-cli", ["-p", String(port), "flushall"]),
    /** CPU ms Redis used so far, across restarts. */
    cpu: () => cpuBefore + cpuMs(child?.pid),
    /** The queue's event counters (restarts, lease-lost, wake-stalled) under the default key prefix. */
    counters(): Record<string, number> {
      const out = spawnSync("redis-cli", ["-p", String(port), "hgetall", "{devops-agent}:counters"]);
      const words = (out.stdout?.toString() ?? "").split("\n").filter((w) => w !== "");
      const counts: Record<string, number> = {};
      for (let i = 0; i + 1 < words.length; i += 2) counts[words[i] ?? ""] = Number(words[i + 1]);
      return counts;
    },
    async restart(downMs: number) {
      await halt();
      await sleep(downMs);
      await launch();
    },
    stop: halt,
  };
}

/** dist/ built by the same function `npm run build` uses, with the bin beside it, in a scratch folder. */
export async function buildForBench(): Promise<{ server: string; bin: string; remove: () => Promise<void> }> {
  await mkdir(join(root, ".cache"), { recursive: true });
  const dir = await mkdtemp(join(root, ".cache", "bench-queue-"));
  await buildApp(join(dir, "dist"));
  await mkdir(join(dir, "bin"));
  await copyFile(join(root, "bin", "devops-agent.js"), join(dir, "bin", "devops-agent.js"));
  return {
    server: join(dir, "dist", "server.js"),
    bin: join(dir, "bin", "devops-agent.js"),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export function appEnv(githubHost: string, dataDir: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return {
    PATH: process.env.PATH ?? "",
    APP_ID: "1",
    PRIVATE_KEY: privateKey,
    BOT_LOGIN: "devops-agent[bot]",
    GHE_HOST: githubHost,
    GHE_PROTOCOL: "http",
    // Probot would space comments 3 s apart per app: the bench would measure that, not the queue.
    GITHUB_THROTTLE: "false",
    DOCS_LIVE: "false",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
  };
}

export interface Proc {
  child: ChildProcess;
  port: number;
  output: () => string;
}

async function startAndWait(args: string[], env: Record<string, string>, port: number): Promise<Proc> {
  let output = "";
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  for (let i = 0; ; i += 1) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited:\n${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, port, output: () => output };
    if (i > 1200) throw new Error(`${args.join(" ")} not healthy after 60 s:\n${output}`);
    await sleep(50);
  }
}

export async function startServer(script: string, env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  return startAndWait([script], { ...env, PORT: String(port) }, port);
}

/**
 * A worker at nice 10, as the in-process default runs its job thread: on this one shared machine the
 * workers stand in for other hosts, and the webhook server's acknowledgements should not queue behind them.
 */
export async function startQueueWorker(bin: string, env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const proc = await startAndWait([bin, "worker"], { ...env, HEALTH_PORT: String(port) }, port);
  if (proc.child.pid) setPriority(proc.child.pid, 10);
  return proc;
}

/** CPU time (user + system) a live process has used so far, in ms; Linux only (0 elsewhere). */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at ")"; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return 0;
  }
}

export function stop(proc: Proc, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve();
    proc.child.once("exit", () => resolve());
    proc.child.kill(signal);
  });
}
