import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { runCli } from "../helpers/cli.js";
import { DEMO_INFRA, createLocalRepo, git } from "../helpers/git.js";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function repoWith(seed: Parameters<typeof createLocalRepo>[0]) {
  const repo = await createLocalRepo(seed);
  cleanup = repo.cleanup;
  return repo.dir;
}

const state = async (dir: string) => ({
  head: (await git(["rev-parse", "--abbrev-ref", "HEAD"], dir)).trim(),
  branches: (await git(["branch", "--format=%(refname:short)"], dir)).trim().split("\n").sort(),
  status: await git(["status", "--porcelain"], dir),
});

const MULTI_ROOT = {
  "envs/staging/main.tf":
    'terraform {\n  backend "s3" {}\n}\n\nprovider "aws" {\n  region = "eu-west-1"\n}\n',
  "envs/prod/main.tf": 'terraform {\n  backend "s3" {}\n}\n\nprovider "aws" {\n  region = "eu-west-1"\n}\n',
};

describe("devops-agent ask — the generic path and the repository it leaves behind", () => {
  // Real git and the whole ask pipeline; generous timeouts for a busy CI machine.
  jest.setTimeout(90_000);

  it("shows the plan before writing, commits on a new branch and leaves you on your branch", async () => {
    const dir = await repoWith({ fromDir: DEMO_INFRA });
    const { code, stdout, stderr } = await runCli([
      "ask",
      "add a lifecycle rule to the artifacts bucket expiring objects after 90 days",
      "--repo",
      dir,
      "--offline",
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain("### Plan of the change");
    expect(stderr).toContain("`aws_s3_bucket.artifacts` (the request names it");
    expect(stdout).toContain("devops-agent: Add aws_s3_bucket_lifecycle_configuration.main");
    const after = await state(dir);
    expect(after.head).toBe("main");
    expect(after.status).toBe("");
    const branch = after.branches.find((b) => b.startsWith("agent/ask-")) ?? "";
    const s3 = await git(["show", `${branch}:s3.tf`], dir);
    expect(s3).toContain('resource "aws_s3_bucket_lifecycle_configuration" "main"');
    expect(s3).toContain("bucket = aws_s3_bucket.artifacts.id");
  });

  it("exits 1 and changes nothing when part of the request is not covered", async () => {
    const dir = await repoWith({ fromDir: DEMO_INFRA });
    const before = await state(dir);
    const { code, stdout } = await runCli([
      "ask",
      "a MySQL database with a random_string password",
      "--repo",
      dir,
      "--offline",
      "--json",
    ]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { branch: string | null; body: string };
    expect(out.branch).toBeNull();
    expect(out.body).toContain("not covered offline: random_string");
    expect(await state(dir)).toEqual(before);
  });

  it("refuses an unsafe request with the reason and the safe alternative, and writes nothing", async () => {
    const dir = await repoWith({ fromDir: DEMO_INFRA });
    const before = await state(dir);
    const { code, stdout } = await runCli([
      "ask",
      "a security group allowing SSH from 0.0.0.0/0",
      "--repo",
      dir,
      "--offline",
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain("SSH/RDP open to the internet");
    expect(stdout).toContain("Session Manager");
    expect(await state(dir)).toEqual(before);
  });

  it("starts the branch from --base and never stacks on an earlier agent branch", async () => {
    const dir = await repoWith({ fromDir: DEMO_INFRA });
    await git(["checkout", "--quiet", "-b", "feature"], dir);
    await git(["commit", "--quiet", "--allow-empty", "-m", "feature work"], dir);
    const first = await runCli([
      "ask",
      "an SQS queue for orders",
      "--repo",
      dir,
      "--offline",
      "--json",
      "--base",
      "main",
    ]);
    expect(first.code).toBe(0);
    const branch = (JSON.parse(first.stdout) as { branch: string }).branch;
    expect((await git(["rev-parse", `${branch}~1`], dir)).trim()).toBe(
      (await git(["rev-parse", "main"], dir)).trim(),
    );
    expect((await state(dir)).head).toBe("feature");
    const second = await runCli(["ask", "an SNS topic for alerts", "--repo", dir, "--offline", "--json"]);
    const next = (JSON.parse(second.stdout) as { branch: string }).branch;
    expect((await git(["rev-parse", `${next}~1`], dir)).trim()).toBe(
      (await git(["rev-parse", "feature"], dir)).trim(),
    );
  });

  it("asks which root module when several fit, and uses --root or the one the request names", async () => {
    const dir = await repoWith({ files: MULTI_ROOT });
    const ambiguous = await runCli(["ask", "an SQS queue for orders", "--repo", dir, "--offline"]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain("fits more than one root module: envs/prod, envs/staging");
    expect((await state(dir)).branches).toEqual(["main"]);

    const chosen = await runCli([
      "ask",
      "an SQS queue for orders",
      "--repo",
      dir,
      "--offline",
      "--json",
      "--root",
      "envs/staging",
    ]);
    expect(chosen.code).toBe(0);
    expect(JSON.parse(chosen.stdout)).toMatchObject({
      files: [{ path: "envs/staging/main.tf", action: "modify" }],
    });

    const named = await runCli([
      "ask",
      "an SNS topic for alerts in prod",
      "--repo",
      dir,
      "--offline",
      "--json",
    ]);
    expect(JSON.parse(named.stdout)).toMatchObject({
      files: [{ path: "envs/prod/main.tf", action: "modify" }],
    });
  });

  it("reads terraform.roots globs from the repo config", async () => {
    const dir = await repoWith({
      files: { ...MULTI_ROOT, ".github/devops-agent.yml": "terraform:\n  roots: ['envs/prod']\n" },
    });
    const { code, stdout } = await runCli([
      "ask",
      "an SQS queue for orders",
      "--repo",
      dir,
      "--offline",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ files: [{ path: "envs/prod/main.tf", action: "modify" }] });
    const inventory = await runCli(["inventory", dir]);
    expect(inventory.stdout).toContain("root modules: envs/prod");
    expect(await readFile(join(dir, ".github/devops-agent.yml"), "utf8")).toContain("envs/prod");
  });
});
