import { realpath, writeFile } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { toSarif } from "../core/review/index.js";
import type { ReviewReport } from "../core/review/index.js";
import { gitTopLevel } from "../adapters/workspace/index.js";
import { type CliIO, UsageError } from "./io.js";
import { packageVersion } from "./version.js";

/** `--sarif` alone means standard output; node's parseArgs has no optional values, so spell it `--sarif=-`. */
export function sarifArgs(argv: string[]): string[] {
  return argv.map((arg) => (arg === "--sarif" ? "--sarif=-" : arg));
}

/**
 * The prefix from the repository root to `dir` (`infra/`), so SARIF locations are repository-relative as
 * code scanning needs; "" when `dir` is the root or not inside a git repository.
 */
export async function repoPrefix(dir: string): Promise<string> {
  const top = await gitTopLevel(dir);
  if (top === null) return "";
  const rel = relative(top, await realpath(resolve(dir)))
    .split(sep)
    .join("/");
  return rel === "" || rel.startsWith("..") ? "" : `${rel}/`;
}

/** Writes the SARIF log to FILE, or to standard output for `-`. */
export async function writeSarif(
  target: string,
  report: Pick<ReviewReport, "findings" | "rules" | "checks">,
  dir: string,
  io: CliIO,
): Promise<void> {
  const log = toSarif(report, { version: packageVersion(), prefix: await repoPrefix(dir) });
  const text = `${JSON.stringify(log, null, 2)}\n`;
  if (target === "-") {
    io.stdout(text);
    return;
  }
  try {
    await writeFile(resolve(io.cwd, target), text);
  } catch (error) {
    throw new UsageError(
      `cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? "unknown error"}`,
    );
  }
}
