import { Readable } from "node:stream";
import { describe, expect, it } from "@jest/globals";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import { LOG_FIXTURES, readLog } from "../core/diagnosis/fixtures.js";

const fixture = (name: string): string => join(LOG_FIXTURES, name);

describe("devops-agent diagnose", () => {
  it("prints exactly the JSON contract for a known failure", async () => {
    const result = await runCli(["diagnose", fixture("terraform-state-lock.log"), "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      "category",
      "title",
      "rootCause",
      "fix",
      "confidence",
      "evidence",
      "source",
      "autoFixable",
    ]);
    expect(out).toMatchObject({
      category: "state_lock",
      source: "signature",
      confidence: 0.97,
      autoFixable: false,
    });
    expect(out["fix"]).toContain("terraform force-unlock f9763602-b03f-e35c-da30-4083cdbb99ae");
  });

  it("reads standard input with -", async () => {
    const result = await runCli(["diagnose", "-", "--json"], {
      stdin: readLog("python-module-not-found.log"),
    });
    expect(result.code).toBe(0);
    // A missing third-party package is a mechanical fix: add the right distribution to the requirements.
    expect(JSON.parse(result.stdout)).toMatchObject({
      category: "python_import",
      source: "signature",
      autoFixable: true,
    });
  });

  it("prints a readable report without --json", async () => {
    const result = await runCli(["diagnose", fixture("aws-access-denied-not-authorized.log")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "The identity running Terraform lacks an IAM permission\n\nCategory:     permissions_iam\n",
    );
    expect(result.stdout).toContain("Failing step: terraform plan -input=false -no-color");
    expect(result.stdout).toContain("Root cause:\n  The role `gha-plan`");
    expect(result.stdout).toContain("\n  | Error: creating IAM Role (deploy)");
  });

  it("answers category other, saying what it saw, when no signature matches", async () => {
    const result = await runCli(["diagnose", "-", "--json"], {
      stdin:
        "##[group]Run make deploy\n##[endgroup]\nError: widget exploded\n##[error]Process completed with exit code 2.\n",
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      category: "other",
      title: "Unrecognised failure",
      rootCause:
        "The failing step was `make deploy`. Its first error line was `Error: widget exploded`. No known failure signature matched, and no model was available to analyse it.",
      fix: "Read the evidence lines and the failing step's full log. If this failure recurs, add a signature for it to the knowledge base.",
      confidence: 0,
      evidence: ["Error: widget exploded", "##[error]Process completed with exit code 2."],
      source: "signature",
      autoFixable: false,
    });
  });

  it("suggests the argument from the AWS provider schema when Terraform does not", async () => {
    const stdin = [
      "##[group]Run terraform validate",
      "##[endgroup]",
      "│ Error: Unsupported argument",
      "│ ",
      '│   on queue.tf line 3, in resource "aws_sqs_queue" "jobs":',
      "│    3:   visibility_timeout = 30",
      "│ ",
      '│ An argument named "visibility_timeout" is not expected here.',
      "##[error]Process completed with exit code 1.",
    ].join("\n");
    const result = await runCli(["diagnose", "-", "--json"], { stdin });
    const out = JSON.parse(result.stdout) as { category: string; fix: string };
    expect(out.category).toBe("invalid_argument");
    expect(out.fix).toBe(
      "Replace `visibility_timeout` (queue.tf line 3) with `visibility_timeout_seconds`, then run `terraform validate`.",
    );
  });

  it("handles an empty log", async () => {
    const result = await runCli(["diagnose", "-", "--json"], { stdin: "" });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ category: "other", evidence: [] });
    expect((JSON.parse(result.stdout) as { rootCause: string }).rootCause).toMatch(/^The log is empty/);
  });

  it("refuses binary input with exit 2 and one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "diagnose-"));
    const file = join(dir, "garbage.bin");
    writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    const result = await runCli(["diagnose", file]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `devops-agent diagnose: ${file} is binary data, not a text log\n`,
    });
  });

  it("redacts secrets from its output", async () => {
    const result = await runCli(["diagnose", fixture("evil-secrets.log"), "--json"]);
    expect(result.stdout).not.toContain("ASIAY34FZKBOKMUTVV7A");
    expect(result.stdout).not.toContain("ghs_16C7e42F292c6912E7710c838347Ae178B4a");
    expect(result.stdout).toContain("[REDACTED]");
  });

  it.each([
    [["diagnose"], "devops-agent diagnose: missing FILE (use - for standard input)\n"],
    [["diagnose", "a.log", "b.log"], 'devops-agent diagnose: unexpected argument "b.log"\n'],
    [
      ["diagnose", "/nonexistent/job.log"],
      "devops-agent diagnose: cannot read /nonexistent/job.log: ENOENT\n",
    ],
    [["diagnose", "x.log", "--yaml"], /^devops-agent diagnose: unknown option --yaml\n$/],
  ])("exits 2 with one line for bad usage: %j", async (argv, stderr) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(stderr);
  });

  it("exits 2 when FILE is a directory", async () => {
    const result = await runCli(["diagnose", LOG_FIXTURES]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `devops-agent diagnose: cannot read ${LOG_FIXTURES}: EISDIR\n`,
    });
  });
});

describe("devops-agent diagnose inside GitHub Actions", () => {
  it("spells out the trust-policy subject from the runner's repository, event and branch", async () => {
    const { run } = await import("../../src/cli/main.js");
    let stdout = "";
    const log = Buffer.from(
      "Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity\n",
    );
    const code = await run(["diagnose", "-", "--json"], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      readStdin: () => Promise.resolve(log),
      stdinStream: () => Readable.from([log]),
      env: { GITHUB_REPOSITORY: "Acme/Infra", GITHUB_EVENT_NAME: "push", GITHUB_REF_NAME: "main" },
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { category: string; fix: string };
    expect(out.category).toBe("permissions_iam");
    expect(out.fix).toContain("`repo:Acme/Infra:ref:refs/heads/main`");
  });
});
