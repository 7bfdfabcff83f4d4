import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "../core/terraform/types.js";

/** Compiles one Python file; `null` means Python is not available here (the check is then reported as skipped). */
export type PythonCheck = (absolutePath: string, displayPath: string) => Promise<Finding[] | null>;

const TIMEOUT_MS = 15_000;

/**
 * `python3 -m py_compile`, with bytecode sent to a temporary directory so the workspace gets no `__pycache__`.
 */
export function createPythonCheck(python = "python3"): PythonCheck {
  return async (absolutePath, displayPath) => {
    const cache = await mkdtemp(join(tmpdir(), "devops-agent-pyc-"));
    try {
      const outcome = await run(python, ["-m", "py_compile", absolutePath], {
        ...process.env,
        PYTHONPYCACHEPREFIX: cache,
        PYTHONDONTWRITEBYTECODE: "",
      });
      if (outcome === "missing") return null;
      if (outcome.code === 0) return [];
      return [syntaxFinding(displayPath, outcome.stderr.split(absolutePath).join(displayPath))];
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  };
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stderr: string } | "missing"> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 }, (error, _stdout, stderr) => {
      if (error === null) return resolve({ code: 0, stderr });
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return resolve("missing");
      resolve({ code: typeof error.code === "number" ? error.code : 1, stderr: stderr || error.message });
    });
  });
}

function syntaxFinding(file: string, stderr: string): Finding {
  const line = /line (\d+)/.exec(stderr)?.[1];
  const lines = stderr.trim().split("\n");
  const message = lines.filter((l) => /Error:/.test(l)).pop() ?? lines.pop() ?? "does not compile";
  return {
    file,
    line: line === undefined ? null : Number(line),
    severity: "error",
    code: "python_syntax",
    message: `python3 -m py_compile: ${message.trim().slice(0, 300)}`,
    suggestion: null,
  };
}
