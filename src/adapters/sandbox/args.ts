import { lstatSync, readlinkSync } from "node:fs";
import { posix } from "node:path";
import type { RunIsolatedOptions } from "./types.js";

/** Where the workspace appears inside the sandbox; host paths stay out of diagnostics. */
export const SANDBOX_WORKSPACE = "/workspace";
const PATH = "/usr/local/bin:/usr/bin:/bin";
const TMP_BYTES = 64 * 1024 * 1024;
const DEFAULT_PROCESSES = 256;
const DEFAULT_FILE_BYTES = 512 * 1024 * 1024;

/** Top-level system directories: merged-/usr hosts have them as symlinks into /usr, others as real dirs. */
const SYSTEM_DIRS = ["/bin", "/sbin", "/lib", "/lib64", "/lib32"];
/** The few files under /etc that TLS, DNS and dynamic linking need; the rest of /etc stays out. */
const ETC = [
  "/etc/ssl",
  "/etc/ca-certificates",
  "/etc/ld.so.cache",
  "/etc/ld.so.conf",
  "/etc/ld.so.conf.d",
  "/etc/localtime",
  "/etc/alternatives",
];
const ETC_NETWORK = ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/gai.conf"];

/**
 * The bubblewrap command line: fresh namespaces (network too unless `registry`), /usr and a few /etc files
 * read-only, a small private /tmp, the workspace the only writable host path, a cleared environment, and
 * `prlimit` applying CPU, memory, process and file-size limits to the command.
 */
export function bubblewrapArgs(command: readonly string[], options: RunIsolatedOptions): string[] {
  const { limits } = options;
  const args = ["--die-with-parent", "--new-session", "--unshare-all", "--unshare-user", "--disable-userns"];
  if (options.network === "registry") args.push("--share-net");
  args.push(...systemMounts());
  for (const path of [...ETC, ...(options.network === "registry" ? ETC_NETWORK : [])])
    args.push("--ro-bind-try", path, path);
  args.push("--proc", "/proc", "--dev", "/dev", "--size", String(TMP_BYTES), "--tmpfs", "/tmp");
  for (const path of options.readOnly ?? []) args.push("--ro-bind", path, path);
  args.push("--bind", options.workspace, SANDBOX_WORKSPACE);
  args.push("--chdir", posix.join(SANDBOX_WORKSPACE, options.cwd ?? "."));
  args.push("--clearenv");
  const env: Record<string, string> = { PATH, HOME: "/tmp", TMPDIR: "/tmp", LANG: "C.UTF-8" };
  for (const [name, value] of Object.entries({ ...env, ...options.env })) args.push("--setenv", name, value);
  args.push(
    "--",
    "prlimit",
    `--cpu=${limits.cpuSeconds}`,
    `--as=${limits.memoryBytes}`,
    `--nproc=${limits.processes ?? DEFAULT_PROCESSES}`,
    `--fsize=${limits.fileBytes ?? DEFAULT_FILE_BYTES}`,
    "--core=0",
    "--",
    ...command,
  );
  return args;
}

/** /usr read-only, and /bin, /lib... as the host has them (symlinks into /usr or read-only dirs). */
export function systemMounts(): string[] {
  return ["--ro-bind", "/usr", "/usr", ...SYSTEM_DIRS.flatMap(systemDir)];
}

function systemDir(dir: string): string[] {
  try {
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) return ["--symlink", readlinkSync(dir), dir];
    return stat.isDirectory() ? ["--ro-bind", dir, dir] : [];
  } catch {
    return [];
  }
}
