import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import type { Sandbox, SandboxLimits } from "../adapters/sandbox/index.js";
import type { Finding } from "../core/terraform/types.js";
import { findPythonRuntime, type PythonRuntime } from "./python-runtime.js";

/** The outcome of a change's handler tests, as the PR body and the CLI report it. */
export type PythonTestsOutcome =
  | { status: "passed" | "failed"; why: string; findings: Finding[] }
  | { status: "skipped"; why: string; findings: [] };

/** Runs the `test_*.py` files a change adds, beside the code they test; relative paths. */
export type PythonTests = (root: string, tests: readonly string[]) => Promise<PythonTestsOutcome>;

const LIMITS = { wallMs: 90_000, cpuSeconds: 60, memoryBytes: 2 * 1024 ** 3, processes: 64 };
const MAX_FILE_BYTES = 512 * 1024;

/**
 * pytest in the sandbox: no network, nothing of the host's environment, a private /tmp, the interpreter
 * read-only, and a throwaway copy of the tested directories as the only writable place — so a test (or a
 * handler) the model wrote cannot reach AWS, read the app's secrets or change the checkout. Where the
 * sandbox or an interpreter with pytest and boto3 is missing, the tests are skipped and the reason said.
 */
export function createPythonTests(deps: {
  sandbox: Sandbox;
  runtime?: () => Promise<PythonRuntime>;
  /** Default: 90 s wall, 60 s CPU, 2 GiB (botocore loads large service models). */
  limits?: SandboxLimits;
}): PythonTests {
  let runtime: Promise<PythonRuntime> | undefined;
  return async (root, tests) => {
    const python = await (runtime ??= (deps.runtime ?? findPythonRuntime)());
    if (!python.ok) return skipped(`${python.why}: handler tests not run`);
    const sandbox = await deps.sandbox.describe();
    if (!sandbox.ok) return skipped(`no sandbox (${sandbox.reason}): handler tests not run`);
    const workspace = await mkdtemp(join(tmpdir(), "devops-agent-pytest-"));
    try {
      for (const dir of new Set(tests.map((t) => posix.dirname(t))))
        await copyPython(join(root, dir), join(workspace, dir));
      const result = await deps.sandbox.runIsolated(
        [
          python.executable,
          "-B",
          "-m",
          "pytest",
          "-q",
          "-rfE",
          "-p",
          "no:cacheprovider",
          // test_handler.py of several functions in one session: modules by path, not by basename.
          "--import-mode=importlib",
          "--no-header",
          ...tests,
        ],
        {
          workspace,
          network: "none",
          limits: deps.limits ?? LIMITS,
          readOnly: python.readOnly,
          env: { ...python.env, PYTHONDONTWRITEBYTECODE: "1" },
          outputBytes: 256 * 1024,
        },
      );
      if (result.status === "unavailable")
        return skipped(`no sandbox (${result.reason}): handler tests not run`);
      const summary = lastLine(result.stdout);
      if (result.timedOut || result.killed)
        return failed(
          tests,
          `handler tests stopped by the sandbox's limits after ${Math.round(result.durationMs / 1000)} s`,
          [],
        );
      if (result.exitCode === 0)
        return { status: "passed", why: `${tests.length} test file(s): ${summary}`, findings: [] };
      if (result.exitCode === 5) return failed(tests, "pytest collected no tests", []);
      return failed(tests, `${tests.length} test file(s): ${summary}`, failures(result.stdout, tests));
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  };
}

const skipped = (why: string): PythonTestsOutcome => ({ status: "skipped", why, findings: [] });

function failed(tests: readonly string[], why: string, findings: Finding[]): PythonTestsOutcome {
  const all =
    findings.length > 0
      ? findings
      : [finding(tests[0] ?? "test_handler.py", `python_test_failed`, `pytest: ${why}`)];
  return { status: "failed", why, findings: all };
}

/** One finding per `FAILED file::test - reason` / `ERROR file - reason` line of pytest's short summary. */
function failures(stdout: string, tests: readonly string[]): Finding[] {
  const found: Finding[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^(FAILED|ERROR) (\S+?)(?:::(\S+))?(?: - (.*))?$/.exec(line.trim());
    if (m === null) continue;
    const file = tests.find((t) => t === m[2]) ?? tests[0] ?? m[2] ?? "";
    const what = m[3] === undefined ? "could not be collected" : `${m[3]} failed`;
    found.push(
      finding(file, "python_test_failed", `pytest: ${what}${m[4] ? `: ${m[4].slice(0, 300)}` : ""}`),
    );
    if (found.length >= 20) break;
  }
  if (found.length === 0) {
    const tail = stdout.trim().split("\n").slice(-8).join("\n").slice(0, 800);
    found.push(finding(tests[0] ?? "", "python_test_failed", `pytest failed: ${tail}`));
  }
  return found;
}

function finding(file: string, code: string, message: string): Finding {
  return { file, line: null, severity: "error", code, message, suggestion: null };
}

const lastLine = (text: string): string =>
  text
    .trim()
    .split("\n")
    .pop()
    ?.replace(/^=+\s*|\s*=+$/g, "")
    .slice(0, 200) ?? "";

/** Copies the Python files of one directory (not its subdirectories, nothing large) into the sandbox copy. */
async function copyPython(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile() || !entry.name.endsWith(".py")) continue;
    const source = join(from, entry.name);
    if ((await stat(source)).size > MAX_FILE_BYTES) continue;
    await copyFile(source, join(to, entry.name));
  }
}
