import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { access, constants, mkdir, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/** A Python interpreter with pytest and boto3 as the sandbox sees it, or why there is none. */
export type PythonRuntime =
  | { ok: true; executable: string; readOnly: string[]; env: Record<string, string> }
  | { ok: false; why: string };

const probeSchema = z.object({
  executable: z.string(),
  prefix: z.string(),
  version: z.string(),
  missing: z.array(z.string()),
});

// Prints where the interpreter lives and which of the packages the handler tests need it lacks.
const PROBE = `import importlib.util, json, sys
print(json.dumps({"executable": sys.executable, "prefix": sys.base_prefix, "version": sys.version.split()[0],
  "missing": [m for m in ("pytest", "boto3", "botocore") if importlib.util.find_spec(m) is None]}))`;

/**
 * Finds `python3` on the host and makes it usable inside the sandbox. An interpreter under /usr is there
 * already (read-only); one elsewhere is bound read-only. When the app runs as root, the sandbox runs as
 * `nobody`, which cannot traverse a private home (pyenv under /root): the interpreter's tree is then
 * hard-linked once into a world-readable directory (no data copied; same inodes, same read-only modes).
 */
export async function findPythonRuntime(python = "python3"): Promise<PythonRuntime> {
  const probe = await capture(python, ["-c", PROBE]);
  if (probe === null) return { ok: false, why: `${python} is not available` };
  const parsed = probeSchema.safeParse(safeJson(probe));
  if (!parsed.success) return { ok: false, why: `${python} could not be probed` };
  const { executable, prefix, missing } = parsed.data;
  if (missing.length > 0) return { ok: false, why: `${python} has no ${missing.join(", ")}` };
  if (prefix.startsWith("/usr/")) return { ok: true, executable, readOnly: [], env: {} };
  if (process.getuid?.() !== 0 || (await readableByOthers(executable)))
    return { ok: true, executable, readOnly: [prefix], env: {} };
  const view = join(
    tmpdir(),
    `devops-agent-python-${createHash("sha256").update(prefix).digest("hex").slice(0, 12)}`,
  );
  if (!(await exists(join(view, ".complete")))) {
    const building = `${view}.${process.pid}`;
    await rm(building, { recursive: true, force: true });
    const linked = await run("cp", ["-al", prefix, building]);
    if (!linked) {
      await rm(building, { recursive: true, force: true });
      return { ok: false, why: `${python} lives in ${prefix}, which the sandbox user cannot read` };
    }
    await run("touch", [join(building, ".complete")]);
    await rename(building, view).catch(() => rm(building, { recursive: true, force: true }));
  }
  return {
    ok: true,
    executable: join(view, executable.slice(prefix.length)),
    readOnly: [view],
    // The interpreter finds its own libpython through the view, not the system's one of the same version.
    env: { LD_LIBRARY_PATH: join(view, "lib") },
  };
}

async function readableByOthers(path: string): Promise<boolean> {
  // Every directory on the way must be searchable by others for the sandbox user to reach it.
  const parts = path.split("/").filter((p) => p !== "");
  for (let i = 1; i < parts.length; i++) {
    const info = await stat(`/${parts.slice(0, i).join("/")}`).catch(() => null);
    if (info === null || (info.mode & 0o001) === 0) return false;
  }
  return true;
}

const exists = (path: string): Promise<boolean> =>
  access(path, constants.F_OK).then(
    () => true,
    () => false,
  );

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text.trim().split("\n").pop() ?? "");
  } catch {
    return null;
  }
}

function capture(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 20_000, maxBuffer: 64 * 1024 }, (error, stdout) =>
      resolve(error === null ? stdout : null),
    );
  });
}

async function run(command: string, args: string[]): Promise<boolean> {
  await mkdir(tmpdir(), { recursive: true });
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 120_000 }, (error) => resolve(error === null));
  });
}
