// The real server entry point (`src/server.ts`) in its own process, the way an operator starts it, so its
// memory can be read from /proc without the test runner's own allocations mixed in.
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export interface ServerProcess {
  url: string;
  /** Peak resident memory of the server process so far (VmHWM), in bytes. */
  peakRss(): number;
  rss(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startServerProcess(
  secret: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const entry = fileURLToPath(new URL("../../src/server.ts", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: "1",
      PRIVATE_KEY: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      WEBHOOK_SECRET: secret,
      BOT_LOGIN: "devops-agent[bot]",
      HOST: "127.0.0.1",
      PORT: String(port),
      JOB_EXECUTION: "inline",
      DOCS_LIVE: "false",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const status = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${child.pid}/status`, "utf8"),
    );
    return Number(match?.[1] ?? 0) * 1024;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    peakRss: () => status("VmHWM"),
    rss: () => status("VmRSS"),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
