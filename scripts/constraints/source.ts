// Reads the provider's Go files from a checkout (a plain directory) or from a bare git directory at a
// revision (`git cat-file --batch`, one process for every file), whichever the caller has.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface GoSource {
  /** Paths (relative, `/`-separated) of non-test `.go` files under `internal/service` and `names`. */
  files: string[];
  read(paths: string[]): Map<string, string>;
  /** The commit read, when known. */
  commit: string | null;
}

const wanted = (path: string): boolean =>
  (path.startsWith("internal/service/") || path.startsWith("names/")) &&
  path.endsWith(".go") &&
  !path.endsWith("_test.go");

export function gitSource(gitDir: string, rev: string): GoSource {
  const git = (args: string[]): string =>
    execFileSync("git", ["-C", gitDir, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const commit = git(["rev-parse", rev]).trim();
  const files = git(["ls-tree", "-r", "--name-only", commit, "internal/service", "names"])
    .split("\n")
    .filter(wanted);
  return {
    files,
    commit,
    read(paths) {
      const input = paths.map((p) => `${commit}:${p}\n`).join("");
      const result = spawnSync("git", ["-C", gitDir, "cat-file", "--batch"], { input, maxBuffer: 1 << 30 });
      if (result.status !== 0) throw new Error(`git cat-file failed: ${result.stderr.toString()}`);
      const out = new Map<string, string>();
      const buffer = result.stdout;
      let at = 0;
      for (const path of paths) {
        const newline = buffer.indexOf(10, at);
        const header = buffer.subarray(at, newline).toString();
        const size = Number(header.split(" ")[2]);
        if (header.endsWith("missing") || !Number.isFinite(size)) {
          at = newline + 1;
          continue;
        }
        out.set(path, buffer.subarray(newline + 1, newline + 1 + size).toString("utf8"));
        at = newline + 1 + size + 1;
      }
      return out;
    },
  };
}

export function dirSource(root: string): GoSource {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const rel = relative(root, full).split("\\").join("/");
        if (wanted(rel)) files.push(rel);
      }
    }
  };
  for (const top of ["internal/service", "names"]) walk(join(root, top));
  return {
    files: files.sort(),
    commit: null,
    read: (paths) =>
      new Map(
        paths.filter((p) => existsSync(join(root, p))).map((p) => [p, readFileSync(join(root, p), "utf8")]),
      ),
  };
}
