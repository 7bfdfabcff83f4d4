import { simpleGit } from "simple-git";
import type { Redactor } from "../../core/redact/index.js";
import { WorkspaceError } from "./errors.js";

export interface GitRunnerOptions {
  dir: string;
  redactor: Redactor;
  /** Colon-separated protocols git may use (GIT_ALLOW_PROTOCOL). */
  protocols: string;
  /** `AUTHORIZATION: basic …` header for commands that talk to the remote; never stored on disk. */
  authHeader?: string;
  timeoutMs: number;
  /**
   * HOME for git, i.e. where its global config is read from. Never the working tree: a repository's own
   * `.gitconfig` must not become configuration.
   */
  home: string;
}

export interface RunOptions {
  /** The command talks to the remote: it gets the auth header. */
  network?: boolean;
  /** Extra `-c key=value` settings for this command only. */
  config?: string[];
  /** What to do when git's message matches none of the known causes. */
  hint?: string;
}

export interface GitRunner {
  run(operation: string, target: string, args: string[], options?: RunOptions): Promise<string>;
  /** Runs and reports the exit status instead of throwing (for `diff --quiet`, `cat-file -e`, …). */
  succeeds(args: string[], options?: RunOptions): Promise<boolean>;
}

// simple-git strips ambient GIT_* variables; these two we set on purpose, so they are allow-listed.
const OWN_ENV = [
  "GIT_TERMINAL_PROMPT",
  "GIT_ALLOW_PROTOCOL",
  "GIT_CONFIG_COUNT",
  "GIT_CONFIG_KEY_0",
  "GIT_CONFIG_VALUE_0",
];
const OWN_CONFIG = ["commit.gpgsign"];

export function createGitRunner(options: GitRunnerOptions): GitRunner {
  const env: Record<string, string> = {
    ...passThrough(),
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: options.home,
    LC_ALL: "C",
    // A failing credential must fail, not wait forever for someone to type a password.
    GIT_TERMINAL_PROMPT: "0",
    GIT_ALLOW_PROTOCOL: options.protocols,
  };
  const client = (runOptions: RunOptions) => {
    const config = runOptions.config ?? [];
    // The auth header reaches git through its environment (GIT_CONFIG_COUNT/KEY/VALUE, git >= 2.31), never
    // through argv: `-c http.extraHeader=…` would show the token to anyone who can list processes.
    const auth =
      runOptions.network === true && options.authHeader !== undefined
        ? {
            GIT_CONFIG_COUNT: "1",
            GIT_CONFIG_KEY_0: "http.extraHeader",
            GIT_CONFIG_VALUE_0: options.authHeader,
          }
        : {};
    return simpleGit({
      baseDir: options.dir,
      config,
      // Keys we set ourselves that simple-git does not list as known-safe: without this it warns on stderr
      // (every `ask`). Named one by one, so its guards against unsafe keys stay on for everything else.
      allowConfig: OWN_CONFIG,
      allowEnvironment: OWN_ENV,
      timeout: { block: options.timeoutMs },
      errors: failOnExitCode,
    }).env({ ...env, ...auth });
  };
  return {
    async run(operation, target, args, runOptions = {}) {
      try {
        return await client(runOptions).raw(args);
      } catch (error) {
        throw translate(error, operation, target, options, runOptions.hint);
      }
    },
    async succeeds(args, runOptions = {}) {
      try {
        await client(runOptions).raw(args);
        return true;
      } catch {
        return false;
      }
    },
  };
}

// Proxies and CA bundles the host needs to reach the git host; everything else of the ambient env stays out.
const PASS_THROUGH = [
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "NO_PROXY",
  "no_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
];

function passThrough(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of PASS_THROUGH) {
    const value = process.env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/** simple-git treats a non-zero exit without stderr as success; `diff --quiet` and `merge-base --is-ancestor` need it as failure. */
function failOnExitCode(
  error: Buffer | Error | undefined,
  result: { exitCode: number; stdErr: Buffer[] },
): Buffer | Error | undefined {
  if (error !== undefined || result.exitCode === 0) return error;
  const stderr = Buffer.concat(result.stdErr);
  return stderr.length > 0 ? stderr : Buffer.from(`git exited with code ${result.exitCode}`);
}

const KNOWN_CAUSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/remote branch \S+ not found/i, "check the branch name; a pull request's branch may have been deleted"],
  [
    /authentication failed|could not read username|terminal prompts disabled|\b40[13]\b/i,
    "check that the app installation can access this repository and that the token has not expired",
  ],
  [
    /repository not found|does not appear to be a git repository|not found/i,
    "check the repository URL and that the app is installed on it",
  ],
  [
    /could not resolve host|timed out|failed to connect|connection refused|made no progress/i,
    "the git host could not be reached; retry later",
  ],
  [
    /stale info|fetch first|non-fast-forward/i,
    "the remote branch moved since it was read; re-run the job to start from its new state",
  ],
  [/transport '[a-z]+' not allowed|protocol .* not allowed/i, "use an https:// URL"],
];

// Clone and fetch print progress so the stall timeout sees a live transfer; it is noise in an error.
const PROGRESS =
  /^(remote: )?(Cloning into|Enumerating|Counting|Compressing|Receiving|Resolving|Total|Updating files|Unpacking)/;

function translate(
  error: unknown,
  operation: string,
  target: string,
  { redactor, timeoutMs }: Pick<GitRunnerOptions, "redactor" | "timeoutMs">,
  fallback?: string,
): WorkspaceError {
  const raw =
    typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
  const lines = redactor
    .redact(raw)
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("hint:") && !PROGRESS.test(line));
  const joined = lines.slice(0, 4).join(" ").slice(0, 600) || "git failed without a message";
  const reason =
    joined === "block timeout reached" ? `git made no progress for ${timeoutMs} ms and was stopped` : joined;
  const hint = KNOWN_CAUSES.find(([pattern]) => pattern.test(reason))?.[1] ?? fallback;
  return new WorkspaceError(operation, target, reason, hint);
}
