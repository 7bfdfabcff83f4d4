import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformRootError, readTerraformTree } from "../../../src/adapters/terraform/index.js";

let base: string;
let root: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "tree-test-"));
  root = join(base, "repo");
  await mkdir(root);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function put(path: string, content: string | Buffer): Promise<void> {
  const full = join(root, path);
  await mkdir(join(full, ".."), { recursive: true });
  await writeFile(full, content);
}

describe("readTerraformTree", () => {
  it("collects .tf and .tf.json files, sorted, skipping .terraform, hidden folders and node_modules", async () => {
    await put("main.tf", "locals {\n  a = 1\n}\n");
    await put("stack.tf.json", "{}");
    await put("modules/net/main.tf", "");
    await put("README.md", "# not terraform");
    await put("main.tfvars", 'a = "b"');
    await put(".terraform/modules/vpc/main.tf", "");
    await put(".github/ci/x.tf", "");
    await put("node_modules/pkg/y.tf", "");
    const tree = await readTerraformTree(root);
    expect(tree.files.map((f) => f.path)).toEqual(["main.tf", "modules/net/main.tf", "stack.tf.json"]);
    expect(tree.files[0]?.content).toBe("locals {\n  a = 1\n}\n");
    expect(tree.findings).toEqual([]);
  });

  it("gives an empty tree, without findings, for an empty directory", async () => {
    expect(await readTerraformTree(root)).toEqual({
      root: expect.any(String) as unknown as string,
      files: [],
      findings: [],
    });
  });

  it("turns a binary main.tf and invalid UTF-8 into findings", async () => {
    await put("main.tf", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]));
    await put("latin1.tf", Buffer.from('variable "caf\xe9" {}', "latin1"));
    await put("ok.tf", "");
    const tree = await readTerraformTree(root);
    expect(tree.files.map((f) => f.path)).toEqual(["ok.tf"]);
    const binary = "file is binary (NUL bytes or invalid UTF-8), not Terraform source";
    expect(tree.findings).toEqual([
      {
        file: "latin1.tf",
        line: null,
        severity: "error",
        code: "binary_file",
        message: binary,
        suggestion: null,
      },
      {
        file: "main.tf",
        line: null,
        severity: "error",
        code: "binary_file",
        message: binary,
        suggestion: null,
      },
    ]);
  });

  it("does not read a 20 MB .tf file past the size cap", async () => {
    await put("huge.tf", Buffer.alloc(20 * 1024 * 1024, "# padding line of comment text\n"));
    const tree = await readTerraformTree(root);
    expect(tree.files).toEqual([]);
    expect(tree.findings).toEqual([
      {
        file: "huge.tf",
        line: null,
        severity: "error",
        code: "file_too_large",
        message: "file is 20.0 MiB, over the 2.0 MiB limit; not read",
        suggestion: null,
      },
    ]);
  });

  it("honours a custom size cap", async () => {
    await put("a.tf", "x".repeat(2000));
    const tree = await readTerraformTree(root, { maxFileBytes: 1000 });
    expect(tree.findings[0]?.message).toBe("file is 2000 bytes, over the 1000 bytes limit; not read");
  });

  it("survives symlink loops: a directory cycle is visited once, a self-link is reported", async () => {
    await put("env/main.tf", "");
    await symlink("..", join(root, "env", "up"));
    await symlink("loop.tf", join(root, "loop.tf"));
    await symlink("ping", join(root, "pong"));
    await symlink("pong", join(root, "ping"));
    const tree = await readTerraformTree(root);
    expect(tree.files.map((f) => f.path)).toEqual(["env/main.tf"]);
    expect(tree.findings.map((f) => f.file)).toEqual(["loop.tf", "ping", "pong"]);
    expect(tree.findings.slice(0, 1)).toEqual([
      {
        file: "loop.tf",
        line: null,
        severity: "warning",
        code: "unreadable_file",
        message: "symlink loop: the link never resolves to a real file",
        suggestion: null,
      },
    ]);
  });

  it("never follows a symlink out of the root, and follows one that stays inside", async () => {
    await writeFile(join(base, "secret.tf"), 'variable "x" {}');
    await mkdir(join(base, "elsewhere"));
    await writeFile(join(base, "elsewhere", "main.tf"), "");
    await symlink(join(base, "secret.tf"), join(root, "secret.tf"));
    await symlink(join(base, "elsewhere"), join(root, "elsewhere"));
    await put("shared/common.tf", "locals {}\n");
    await symlink("shared/common.tf", join(root, "common.tf"));
    await symlink("missing.tf", join(root, "gone.tf"));
    const tree = await readTerraformTree(root);
    expect(tree.files.map((f) => f.path)).toEqual(["common.tf", "shared/common.tf"]);
    const outside = "symlink points outside the scanned directory; not followed";
    expect(tree.findings).toEqual([
      {
        file: "elsewhere",
        line: null,
        severity: "warning",
        code: "symlink_outside_root",
        message: outside,
        suggestion: null,
      },
      {
        file: "gone.tf",
        line: null,
        severity: "error",
        code: "unreadable_file",
        message: "broken symlink (ENOENT)",
        suggestion: null,
      },
      {
        file: "secret.tf",
        line: null,
        severity: "warning",
        code: "symlink_outside_root",
        message: outside,
        suggestion: null,
      },
    ]);
  });

  it("stops at the file cap with one finding", async () => {
    for (const name of ["a", "b", "c", "d"]) await put(`${name}.tf`, "");
    const tree = await readTerraformTree(root, { maxFiles: 2 });
    expect(tree.files.map((f) => f.path)).toEqual(["a.tf", "b.tf"]);
    expect(tree.findings.map((f) => [f.file, f.code, f.message])).toEqual([
      ["c.tf", "too_many_files", "more than 2 Terraform files; the rest were skipped"],
    ]);
  });

  it("throws TerraformRootError for a missing root or a file given as root", async () => {
    await expect(readTerraformTree(join(base, "nope"))).rejects.toThrow(
      new TerraformRootError(`cannot read ${join(base, "nope")}: no such directory`),
    );
    await put("main.tf", "");
    await expect(readTerraformTree(join(root, "main.tf"))).rejects.toThrow(
      `${join(root, "main.tf")} is not a directory`,
    );
  });
});
