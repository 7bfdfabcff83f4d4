import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createWorkspace } from "../../../src/adapters/workspace/index.js";
import type { Workspace } from "../../../src/adapters/workspace/index.js";
import { checkRelativePath } from "../../../src/adapters/workspace/paths.js";
import type { BareRepo } from "../../helpers/git.js";
import { createBareRepo, DEMO_INFRA } from "../../helpers/git.js";

let repo: BareRepo;
let ws: Workspace;
let outside: string;

beforeAll(async () => {
  repo = await createBareRepo({ fromDir: DEMO_INFRA });
  ws = await createWorkspace({ allowFileProtocol: true }).clone({ url: repo.url });
  // Symlinks a hostile repository could contain: to a file and a directory outside the workspace.
  outside = join(repo.root, "outside.txt");
  await writeFile(outside, "secret outside\n");
  await symlink(outside, join(ws.dir, "link.tf"));
  await symlink(repo.root, join(ws.dir, "linkdir"));
  await mkdir(join(ws.dir, "sub"));
  await symlink("../../", join(ws.dir, "sub", "up"));
});

afterAll(async () => {
  await ws.dispose();
  await repo.cleanup();
});

describe("writeFile and readFile stay inside the workspace", () => {
  it.each([
    ["../x", "`..` would leave the workspace"],
    ["modules/../../x", "`..` would leave the workspace"],
    ["/etc/passwd", "absolute paths are refused"],
    ["C:\\Windows\\x", "absolute paths are refused"],
    [".git/config", "git's own files (.git/) are refused"],
    [".GIT/hooks/pre-commit", "git's own files (.git/) are refused"],
    ["modules/.git", "git's own files (.git/) are refused"],
    ["", "the path is empty"],
    ["./", "the path names the workspace itself"],
    ["a\0b", "the path contains a NUL byte"],
  ])("refuses %j to write and read", async (path, reason) => {
    const expected = `write ${JSON.stringify(path)}: ${reason} — use a relative path inside the repository, outside .git/`;
    await expect(ws.writeFile(path, "x")).rejects.toThrow(expected);
    await expect(ws.readFile(path)).rejects.toThrow(`read ${JSON.stringify(path)}: ${reason}`);
  });

  it("refuses symlinks, to files and through directories", async () => {
    await expect(ws.writeFile("link.tf", "overwrite")).rejects.toThrow(
      'write "link.tf": link.tf is a symlink',
    );
    await expect(ws.readFile("link.tf")).rejects.toThrow('read "link.tf": link.tf is a symlink');
    await expect(ws.writeFile("linkdir/x.tf", "x")).rejects.toThrow(
      'write "linkdir/x.tf": linkdir is a symlink',
    );
    await expect(ws.readFile("sub/up/outside.txt")).rejects.toThrow(
      'read "sub/up/outside.txt": sub/up is a symlink',
    );
    expect(await readFile(outside, "utf8")).toBe("secret outside\n");
  });

  it("refuses to treat a file as a directory and a directory as a file", async () => {
    await expect(ws.writeFile("s3.tf/inner.tf", "x")).rejects.toThrow(
      'write "s3.tf/inner.tf": s3.tf is not a directory',
    );
    await expect(ws.writeFile("modules", "x")).rejects.toThrow('write "modules": the path is a directory');
    await expect(ws.readFile("modules")).rejects.toThrow('read "modules": not a regular file');
  });

  it("writes nested new files and reads them back, bounded", async () => {
    await ws.writeFile("lambda/src/handler.py", "def handler(event, context):\n    return {}\n");
    expect(await ws.readFile("./lambda//src/handler.py")).toBe(
      "def handler(event, context):\n    return {}\n",
    );
    await expect(ws.readFile("lambda/src/handler.py", { maxBytes: 10 })).rejects.toThrow(
      'read "lambda/src/handler.py": the file is 43 bytes, over the 10-byte limit — raise maxBytes if the whole file is needed',
    );
    await expect(ws.readFile("nope.tf")).rejects.toThrow(
      'read "nope.tf": no such file — check the path with status() or list the directory first',
    );
  });
});

describe("checkRelativePath", () => {
  it("normalises harmless segments", () => {
    expect(checkRelativePath("write", "./modules//log-group/main.tf")).toEqual([
      "modules",
      "log-group",
      "main.tf",
    ]);
    expect(checkRelativePath("write", "a\\b.tf")).toEqual(["a", "b.tf"]);
  });
});
