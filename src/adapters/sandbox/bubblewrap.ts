import { type ChildProcess, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { isAbsolute } from "node:path";
import { bubblewrapArgs, systemMounts } from "./args.js";
import { type Owner, SANDBOX_USER, lendTree } from "./ownership.js";
import type { IsolatedResult, RunIsolatedOptions, Sandbox } from "./types.js";

export interface BubblewrapOptions {
  /** Default `bwrap` from PATH. */
  bwrapPath?: string;
  /** Identity used when the app runs as root; default `nobody`. */
  sandboxUser?: Owner;
}

const DEFAULT_OUTPUT_BYTES = 1024 * 1024;
// bwrap itself sees only this: its monitor process keeps its own environment, readable as /proc/1/environ.
const BWRAP_ENV = { PATH: "/usr/bin:/bin", LANG: "C.UTF-8" };

/** The bubblewrap adapter of the sandbox port. */
export function createBubblewrapSandbox(options: BubblewrapOptions = {}): Sandbox {
  const bwrap = options.bwrapPath ?? "bwrap";
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? (options.sandboxUser ?? SANDBOX_USER) : undefined;
  let probe: ReturnType<Sandbox["describe"]> | undefined;
  const describe: Sandbox["describe"] = () => (probe ??= probeBubblewrap(bwrap, user));
  return {
    describe,
    async runIsolated(command, run) {
      const ready = await describe();
      if (!ready.ok) return { status: "unavailable", reason: ready.reason };
      const problem = await checkOptions(command, run);
      if (problem !== null) return { status: "unavailable", reason: problem };
      const giveBack = user === undefined ? null : await lendTree(run.workspace, user);
      try {
        return await execute(bwrap, bubblewrapArgs(command, run), run, user, ready.isolation);
      } finally {
        await giveBack?.();
      }
    },
  };
}

async function probeBubblewrap(
  bwrap: string,
  user: Owner | undefined,
): Promise<{ ok: true; isolation: string } | { ok: false; reason: string }> {
  const version = await capture(bwrap, ["--version"], user);
  if (version.error !== null)
    return { ok: false, reason: `bwrap (bubblewrap) is not installed or not runnable: ${version.error}` };
  // User namespaces can be switched off by the kernel or a container runtime: try one before relying on it.
  const trial = await capture(
    bwrap,
    ["--unshare-all", "--unshare-user", ...systemMounts(), "--", "/usr/bin/true"],
    user,
  );
  if (trial.error !== null || trial.code !== 0)
    return {
      ok: false,
      reason: `bubblewrap cannot create a sandbox here (user namespaces disabled?): ${trial.error ?? trial.stderr.trim()}`,
    };
  return { ok: true, isolation: version.stdout.trim() || "bubblewrap" };
}

async function checkOptions(command: readonly string[], run: RunIsolatedOptions): Promise<string | null> {
  if (command.length === 0) return "no command given";
  if (!isAbsolute(run.workspace)) return `workspace must be an absolute path: ${run.workspace}`;
  if (run.cwd !== undefined && (isAbsolute(run.cwd) || run.cwd.split("/").includes("..")))
    return `cwd must stay inside the workspace: ${run.cwd}`;
  const info = await stat(run.workspace).catch(() => null);
  return info?.isDirectory() ? null : `workspace is not a directory: ${run.workspace}`;
}

function execute(
  bwrap: string,
  args: string[],
  run: RunIsolatedOptions,
  user: Owner | undefined,
  isolation: string,
): Promise<IsolatedResult> {
  const started = Date.now();
  const cap = run.outputBytes ?? DEFAULT_OUTPUT_BYTES;
  return new Promise((resolve) => {
    const child = spawn(bwrap, args, {
      env: BWRAP_ENV,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
    });
    const stdout = collector(cap);
    const stderr = collector(cap);
    child.stdout?.on("data", stdout.add);
    child.stderr?.on("data", stderr.add);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, run.limits.wallMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ status: "unavailable", reason: `bwrap could not start: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      killGroup(child);
      // bwrap reports a command killed by a signal as 128 + the signal number.
      const signalled = signal !== null || (code !== null && code > 128 && code <= 128 + 64);
      resolve({
        status: "ran",
        exitCode: signal === null ? code : null,
        signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        killed: timedOut || signalled,
        truncated: stdout.truncated() || stderr.truncated(),
        durationMs: Date.now() - started,
        isolation,
      });
    });
  });
}

/** The whole process group: bwrap, and whatever the command left behind even if it escaped the wait. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

function collector(cap: number): {
  add: (chunk: Buffer) => void;
  text: () => string;
  truncated: () => boolean;
} {
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  return {
    add: (chunk) => {
      const room = cap - kept;
      if (room > 0) chunks.push(chunk.subarray(0, room));
      kept += Math.min(room, chunk.length);
      dropped += Math.max(0, chunk.length - Math.max(room, 0));
    },
    text: () => Buffer.concat(chunks).toString("utf8"),
    truncated: () => dropped > 0,
  };
}

interface Captured {
  code: number | null;
  stdout: string;
  stderr: string;
  error: string | null;
}

function capture(file: string, args: string[], user: Owner | undefined): Promise<Captured> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env: BWRAP_ENV,
      stdio: ["ignore", "pipe", "pipe"],
      ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", (error) => resolve({ code: null, stdout, stderr, error: error.message }));
    child.on("close", (code) => resolve({ code, stdout, stderr, error: null }));
  });
}
