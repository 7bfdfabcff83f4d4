/**
 * The sandbox port: run one command on untrusted content (a repository's Terraform, generated Python) with
 * no network unless allowed, nothing writable but the workspace, no secrets in its environment, and
 * wall-time, CPU, memory and process limits. Adapters: bubblewrap, or "unavailable" said plainly.
 */

export type SandboxNetwork = "none" | "registry";

export interface SandboxLimits {
  /** Wall time before the whole process tree is killed. */
  wallMs: number;
  /** CPU seconds per process (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Address space per process (RLIMIT_AS). */
  memoryBytes: number;
  /** Processes the sandbox user may have (RLIMIT_NPROC); default 256. */
  processes?: number;
  /** Largest file a process may write (RLIMIT_FSIZE); default 512 MiB. */
  fileBytes?: number;
}

export interface RunIsolatedOptions {
  /** Absolute directory mounted read-write at `/workspace`, the command's working directory. */
  workspace: string;
  /**
   * `none`: loopback only. `registry`: the host's network is shared so `terraform init` can reach the
   * provider registry; bubblewrap cannot filter by host, so callers ask for it only when they must.
   */
  network: SandboxNetwork;
  limits: SandboxLimits;
  /** Extra variables, on top of a clean PATH/HOME/LANG/TMPDIR; nothing of the caller's environment leaks. */
  env?: Readonly<Record<string, string>>;
  /**
   * Host directories visible read-only at the same path (a provider mirror such as /opt/tf-plugins). When
   * the app runs as root the sandbox runs as `nobody`, so these must be world-readable.
   */
  readOnly?: readonly string[];
  /** Working directory relative to the workspace; default its root. */
  cwd?: string;
  /** Bytes kept of each of stdout and stderr; the rest is counted, not kept. Default 1 MiB. */
  outputBytes?: number;
}

export interface IsolatedRun {
  status: "ran";
  /** Exit code, or null when a signal ended the process. */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** The wall-time limit fired and the process tree was killed. */
  timedOut: boolean;
  /** A limit (wall time, CPU, memory) ended the command with a signal. */
  killed: boolean;
  /** Output beyond `outputBytes` was dropped. */
  truncated: boolean;
  durationMs: number;
  isolation: string;
}

export interface IsolationUnavailable {
  status: "unavailable";
  /** Why nothing ran, e.g. "bwrap (bubblewrap) is not installed". Callers fall back and say so. */
  reason: string;
}

export type IsolatedResult = IsolatedRun | IsolationUnavailable;

export interface Sandbox {
  /** The isolation in use when available, e.g. "bubblewrap 0.8.0". */
  describe(): Promise<{ ok: true; isolation: string } | { ok: false; reason: string }>;
  runIsolated(command: readonly string[], options: RunIsolatedOptions): Promise<IsolatedResult>;
}
