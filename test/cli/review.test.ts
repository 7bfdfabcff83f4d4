import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "@jest/globals";
import { runCli } from "../helpers/cli.js";
import { createLocalRepo, git } from "../helpers/git.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/review");
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const OPEN_SSH = `resource "aws_security_group" "ssh" {
  name = "ssh"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;

describe("devops-agent review", () => {
  it("lists findings by file with the conclusion, and exits 1 on a security error", async () => {
    const result = await runCli(["review", join(FIXTURES, "insecure")]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("failure — 6 errors, 11 warnings, 5 notes");
    expect(result.stdout).toMatch(/ {3}15 {2}error {4}security\/iam-admin {2}aws_iam_role_policy_attachment/);
    expect(result.stdout).toContain("⏭️ not run: terraform-validate");
  });

  it("exits 0 on a tree with notes only, and prints the stable JSON keys", async () => {
    const result = await runCli(["review", join(FIXTURES, "secure"), "--json"]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["findings", "conclusion", "checks"]);
    expect(out.conclusion).toBe("success");
  });

  it("judges only what changed since --base in a real git repository, with repository-relative SARIF", async () => {
    const repo = await createLocalRepo({
      files: { "infra/main.tf": await readFile(join(FIXTURES, "insecure/main.tf"), "utf8") },
    });
    cleanups.push(repo.cleanup);
    await writeFile(join(repo.dir, "infra/ssh.tf"), OPEN_SSH);
    await git(["add", "--all"], repo.dir);
    await git(["commit", "--quiet", "-m", "open ssh"], repo.dir);

    const infra = join(repo.dir, "infra");
    const sarifFile = join(repo.dir, "out.sarif");
    const result = await runCli(["review", infra, "--base", repo.sha, "--json", `--sarif=${sarifFile}`]);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as { findings: { file: string }[]; conclusion: string };
    expect(out.conclusion).toBe("failure");
    const log = JSON.parse(await readFile(sarifFile, "utf8")) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const uris = new Set(
      log.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri),
    );
    expect(uris).toEqual(new Set(["infra/main.tf", "infra/ssh.tf"]));

    // The same tree with only the old file changed since base: the open SSH rule is not judged.
    const unchanged = await runCli(["review", infra, "--base", "HEAD"]);
    expect(unchanged.stderr).toBe("");
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toContain("success — No findings in changed files");
    expect(unchanged.stdout).toContain("ssh.tf  (not changed)");
  });

  it("writes SARIF to standard output with a bare --sarif", async () => {
    const result = await runCli(["review", join(FIXTURES, "secure"), "--sarif"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: "2.1.0" });
  });

  it("says what is wrong with bad usage, with exit 2", async () => {
    const both = await runCli(["review", FIXTURES, "--json", "--sarif"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--json and --sarif both write to standard output");
    const missing = await runCli(["review", join(FIXTURES, "no-such-dir")]);
    expect(missing.code).toBe(2);
    const notGit = join(FIXTURES, "secure");
    const base = await runCli(["review", notGit, "--base", "no-such-ref-xyz"]);
    expect(base.code).toBe(2);
    expect(base.stderr).toContain("--base no-such-ref-xyz");
  });
});

describe("devops-agent validate --sarif", () => {
  it("writes the validator findings as SARIF 2.1.0 to a file and keeps the text report", async () => {
    const dir = join(FIXTURES, "insecure");
    const repo = await createLocalRepo();
    cleanups.push(repo.cleanup);
    await mkdir(join(repo.dir, "out"), { recursive: true });
    const file = join(repo.dir, "out/validate.sarif");
    const result = await runCli(["validate", dir, `--sarif=${file}`]);
    expect(result.stdout).toContain("not_formatted");
    const log = JSON.parse(await readFile(file, "utf8")) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual([
      "security/executable-external",
      "validator/not_formatted",
    ]);
    expect(log.runs[0]?.results.map((r) => [r.ruleId, r.level]).sort()).toEqual([
      ["security/executable-external", "warning"],
      ["validator/not_formatted", "warning"],
    ]);
  });
});
