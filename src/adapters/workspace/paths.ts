import { constants } from "node:fs";
import { lstat, mkdir, open, realpath } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { PathRefusedError } from "./errors.js";

/**
 * Splits a workspace-relative path into safe segments. Refuses anything that could leave the
 * workspace or reach git's own files, before any filesystem call is made.
 */
export function checkRelativePath(operation: string, relPath: string): string[] {
  const refuse = (reason: string): never => {
    throw new PathRefusedError(operation, relPath, reason);
  };
  if (relPath.trim() === "") refuse("the path is empty");
  if (relPath.includes("\0")) refuse("the path contains a NUL byte");
  if (isAbsolute(relPath) || /^[A-Za-z]:/.test(relPath) || relPath.startsWith("\\"))
    refuse("absolute paths are refused");
  const segments = relPath.split(/[\\/]+/).filter((segment) => segment !== "" && segment !== ".");
  if (segments.length === 0) refuse("the path names the workspace itself");
  if (segments.includes("..")) refuse("`..` would leave the workspace");
  // Case-insensitive filesystems treat .GIT as .git; nested .git (submodules, worktrees) is git's too.
  if (segments.some((segment) => segment.toLowerCase() === ".git"))
    refuse("git's own files (.git/) are refused");
  return segments;
}

/**
 * Walks the path from the workspace root, refusing symlinks at every level, so that nothing the
 * repository contains can redirect a read or write outside the workspace.
 * Returns the absolute path and how many leading segments exist on disk.
 */
async function walk(operation: string, root: string, relPath: string, segments: string[]) {
  let current = root;
  let existing = 0;
  for (const [index, segment] of segments.entries()) {
    current = join(current, segment);
    const stats = await lstat(current).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
    if (stats === undefined) break;
    existing += 1;
    if (stats.isSymbolicLink())
      throw new PathRefusedError(
        operation,
        relPath,
        `${segments.slice(0, index + 1).join("/")} is a symlink`,
      );
    if (index < segments.length - 1 && !stats.isDirectory()) {
      throw new PathRefusedError(
        operation,
        relPath,
        `${segments.slice(0, index + 1).join("/")} is not a directory`,
      );
    }
  }
  const absolute = join(root, ...segments);
  const inside = relative(root, absolute);
  if (inside.startsWith(`..${sep}`) || inside === ".." || isAbsolute(inside)) {
    throw new PathRefusedError(operation, relPath, "the path resolves outside the workspace");
  }
  return { absolute, existing };
}

/** Writes `content` at `relPath` inside `root` (a real path), creating directories; never follows a symlink. */
export async function writeInside(
  root: string,
  relPath: string,
  content: string | Uint8Array,
): Promise<string> {
  const operation = "write";
  const segments = checkRelativePath(operation, relPath);
  const { absolute } = await walk(operation, root, relPath, segments);
  const parent = join(root, ...segments.slice(0, -1));
  await mkdir(parent, { recursive: true });
  // Re-check after mkdir: the real parent must still be inside the workspace.
  const realParent = await realpath(parent);
  if (realParent !== root && !realParent.startsWith(root + sep)) {
    throw new PathRefusedError(operation, relPath, "the path resolves outside the workspace");
  }
  const handle = await open(
    absolute,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o644,
  ).catch((error: unknown) => {
    if (errorCode(error) === "ELOOP") throw new PathRefusedError(operation, relPath, "the file is a symlink");
    if (errorCode(error) === "EISDIR")
      throw new PathRefusedError(operation, relPath, "the path is a directory");
    throw error;
  });
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return segments.join("/");
}

/** Reads a regular file inside `root`, up to `maxBytes`; symlinks and anything else are refused. */
export async function readInside(root: string, relPath: string, maxBytes: number): Promise<string> {
  const operation = "read";
  const segments = checkRelativePath(operation, relPath);
  const { absolute, existing } = await walk(operation, root, relPath, segments);
  if (existing < segments.length)
    throw new PathRefusedError(
      operation,
      relPath,
      "no such file",
      "check the path with status() or list the directory first",
    );
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new PathRefusedError(operation, relPath, "not a regular file");
    if (stats.size > maxBytes)
      throw new PathRefusedError(
        operation,
        relPath,
        `the file is ${stats.size} bytes, over the ${maxBytes}-byte limit`,
        "raise maxBytes if the whole file is needed",
      );
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string | undefined {
  // Not `instanceof Error`: errors from node:fs may come from another realm (test sandboxes).
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;
}

function isNotFound(error: unknown): boolean {
  return errorCode(error) === "ENOENT";
}
