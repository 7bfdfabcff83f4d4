import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "@jest/globals";
import { createSandbox, type Sandbox, type SandboxLimits } from "../../../src/adapters/sandbox/index.js";

/** One sandbox for a test file, and `describe` or a visible skip when bubblewrap cannot run here. */
export async function sandboxOrSkip(
  file: string,
): Promise<{ sandbox: Sandbox; describeIf: (name: string, fn: () => void) => void }> {
  const sandbox = createSandbox();
  const ready = await sandbox.describe();
  if (!ready.ok) console.warn(`${file}: skipped, the sandbox is unavailable here: ${ready.reason}`);
  return { sandbox, describeIf: ready.ok ? describe : describe.skip };
}

export const LIMITS: SandboxLimits = {
  wallMs: 10_000,
  cpuSeconds: 10,
  memoryBytes: 512 * 1024 * 1024,
  processes: 64,
};

export async function scratch(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
