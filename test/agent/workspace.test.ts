import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { checkRelativePath, protectedBy, protectedGlobs } from "../../src/agent/paths.js";
import { openWorkspace, type Workspace } from "../../src/agent/workspace.js";
import { DEFAULT_REPO_CONFIG } from "../../src/core/config/index.js";
import { redact } from "../../src/core/redact/index.js";

describe("checkRelativePath", () => {
  it.each([
    ["main.tf", "main.tf"],
    ["./modules/app/main.tf", "modules/app/main.tf"],
    ["a//b/./c.tf", "a/b/c.tf"],
  ])("accepts %s as %s", (input, path) => {
    expect(checkRelativePath(input)).toEqual({ ok: true, path });
  });

  it.each([
    ["", "path must be 1-400 characters"],
    ["../x.tf", "'..' would leave the workspace"],
    ["a/../../x.tf", "'..' would leave the workspace"],
    ["/etc/passwd", "absolute paths are outside the workspace; give a path relative to the repository root"],
    ["C:/x.tf", "absolute paths are outside the workspace; give a path relative to the repository root"],
    ["~/x.tf", "absolute paths are outside the workspace; give a path relative to the repository root"],
    ["a\\..\\x.tf", "use / as the path separator"],
    [".git/config", ".git holds repository internals (and credentials); the agent never touches it"],
    [
      "sub/.GIT/hooks/pre-commit",
      ".git holds repository internals (and credentials); the agent never touches it",
    ],
    ["x\u0000.tf", "path contains control characters"],
  ])("refuses %j", (input, reason) => {
    expect(checkRelativePath(input)).toEqual({ ok: false, reason });
  });
});

describe("protected paths", () => {
  it("protects everything under .github and the agent's own config by default", () => {
    const globs = protectedGlobs(DEFAULT_REPO_CONFIG);
    expect(protectedBy(".github/workflows/deploy.yml", globs)).toBe(".github/workflows/**");
    expect(protectedBy(".github/actions/x/action.yml", globs)).toBe(".github/**");
    expect(protectedBy(".github/devops-agent.yml", globs)).toBe(".github/devops-agent.yml");
    expect(protectedBy(".github/CODEOWNERS", globs)).toBe(".github/**");
    expect(protectedBy("main.tf", globs)).toBeNull();
  });

  it("lifts the workflow protection only with allowWorkflowEdits, keeping other globs", () => {
    const globs = protectedGlobs({
      protectedPaths: [".github/workflows/**", "prod/*.tf"],
      allowWorkflowEdits: true,
    });
    expect(protectedBy(".github/workflows/deploy.yml", globs)).toBeNull();
    expect(protectedBy("prod/main.tf", globs)).toBe("prod/*.tf");
    expect(protectedBy("prod/sub/main.tf", globs)).toBeNull();
  });

  it("keeps workflows protected when the config drops the glob but does not allow workflow edits", () => {
    expect(protectedGlobs({ protectedPaths: ["prod/**"], allowWorkflowEdits: false })).toEqual([
      "prod/**",
      ".github/workflows/**",
      ".github/devops-agent.yml",
      ".github/devops-agent.yaml",
    ]);
  });

  it("lifts workflows only, under the default .github/** protection, with allowWorkflowEdits", () => {
    const globs = protectedGlobs({ ...DEFAULT_REPO_CONFIG, allowWorkflowEdits: true });
    expect(protectedBy(".github/workflows/deploy.yml", globs)).toBeNull();
    expect(protectedBy(".github/actions/x/action.yml", globs)).toBe(".github/**");
    expect(protectedBy(".github/devops-agent.yml", globs)).toBe(".github/devops-agent.yml");
  });
});

describe("openWorkspace", () => {
  let root = "";
  let outside = "";
  let ws: Workspace;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "ws-"));
    outside = await mkdtemp(join(tmpdir(), "ws-outside-"));
    await writeFile(join(outside, "secret.txt"), "outside");
    await mkdir(join(root, "modules", "app"), { recursive: true });
    await writeFile(join(root, "main.tf"), 'resource "aws_sqs_queue" "a" {}\n');
    await writeFile(join(root, "modules", "app", "main.tf"), "# app\n".repeat(5000));
    await writeFile(join(root, "blob.bin"), Buffer.from([1, 2, 0, 3]));
    await symlink(outside, join(root, "linked"));
    await symlink(join(outside, "secret.txt"), join(root, "secret-link.txt"));
    ws = await openWorkspace(root, protectedGlobs(DEFAULT_REPO_CONFIG));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it("lists regular files breadth-first, without following symlinks, up to a limit", async () => {
    expect(await ws.list("", 10)).toEqual({
      paths: ["blob.bin", "main.tf", "modules/app/main.tf"],
      truncated: false,
    });
    expect(await ws.list("", 2)).toEqual({ paths: ["blob.bin", "main.tf"], truncated: true });
    expect(await ws.list("modules", 10)).toEqual({ paths: ["modules/app/main.tf"], truncated: false });
  });

  it("reads a bounded head of a file and says it was cut", async () => {
    const read = await ws.read("modules/app/main.tf", 12);
    expect(read).toEqual({ content: "# app\n# app\n", bytes: 30_000, truncated: true });
  });

  it("refuses binary files, symlinks and links inside paths", async () => {
    await expect(ws.read("blob.bin", 100)).rejects.toThrow("binary file; only text files can be read");
    await expect(ws.read("secret-link.txt", 100)).rejects.toThrow("symbolic links are not followed");
    await expect(ws.write("linked/evil.tf", "x")).rejects.toThrow("symbolic links are not followed");
    await expect(ws.write("secret-link.txt", "x")).rejects.toThrow("symbolic links are not followed");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("outside");
  });

  it("says plainly when the workspace itself is missing", async () => {
    await expect(openWorkspace(join(root, "missing"), [])).rejects.toThrow(
      `agent workspace ${join(root, "missing")}: no such directory`,
    );
  });

  it("creates parent directories and reports create vs modify", async () => {
    expect(await ws.write("new/dir/x.tf", "a")).toBe("create");
    expect(await ws.write("main.tf", "b")).toBe("modify");
    expect(await readFile(join(root, "new", "dir", "x.tf"), "utf8")).toBe("a");
    await expect(ws.write("modules", "x")).rejects.toThrow("exists and is not a regular file");
  });

  it("searches literally and case-insensitively with a match cap", async () => {
    expect(await ws.search("AWS_SQS", { maxMatches: 5, maxFileBytes: 1000, redact })).toEqual([
      { path: "main.tf", line: 1, text: 'resource "aws_sqs_queue" "a" {}' },
    ]);
    expect(await ws.search("(.*)+", { maxMatches: 5, maxFileBytes: 1000, redact })).toEqual([]);
    expect(await ws.search("# app", { maxMatches: 3, maxFileBytes: 100_000, redact })).toHaveLength(3);
  });
});
