import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { runCli } from "../helpers/cli.js";

const MISTAKES = "test/fixtures/terraform/s3-mistakes";

describe("devops-agent validate", () => {
  let scratch = "";
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "validate-cli-"));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("prints exactly {ok, findings, checks} with --json and exits 1 on errors", async () => {
    const result = await runCli(["validate", MISTAKES, "--json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const parsed = JSON.parse(result.stdout) as { ok: boolean; findings: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(["ok", "findings", "checks"]);
    expect(parsed.ok).toBe(false);
    expect(parsed.findings).toHaveLength(10);
    expect(parsed.findings[1]).toEqual({
      file: "main.tf",
      line: 7,
      severity: "error",
      code: "unknown_argument",
      message: 'aws_s3_bucket.logs: unknown argument "bucket_prefx" — did you mean "bucket_prefix"?',
      suggestion: "bucket_prefix",
    });
  });

  it("exits 0 with ok true on a clean configuration", async () => {
    const result = await runCli(["validate", "examples/demo-infra", "--json"]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { ok: boolean; findings: unknown[]; checks: unknown[] };
    expect(parsed).toMatchObject({ ok: true, findings: [] });
    expect(parsed.checks).toEqual([
      expect.objectContaining({ name: "offline-schema", ran: true, ok: true }),
      expect.objectContaining({ name: "terraform-validate", ran: false, ok: null, why: "not requested" }),
      expect.objectContaining({ name: "policy", ran: true, ok: true }),
    ]);
  });

  it("prints a table grouped by file without --json", async () => {
    const result = await runCli(["validate", MISTAKES]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(
      `${MISTAKES}: 2 Terraform file(s) checked against hashicorp/aws 6.25.0: 10 error(s), 0 warning(s)`,
    );
    expect(lines.slice(1, 5)).toEqual([
      "",
      "main.tf",
      '    2  error    unknown_resource_type      unknown resource type "aws_s3_bukcet" in the AWS provider 6.25.0 — did you mean "aws_s3_bucket"?',
      "                                           → aws_s3_bucket",
    ]);
    expect(result.stdout).not.toContain('"findings"');
  });

  it("says so when there is nothing wrong", async () => {
    const result = await runCli(["validate", "examples/demo-infra"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(0, 5)).toEqual([
      // The demo pins `~> 5.70`: it is checked against the bundled 5.x schema, not the newest.
      "examples/demo-infra: 13 Terraform file(s) checked against hashicorp/aws 5.100.0: 0 error(s), 0 warning(s)",
      "No problems found.",
      "",
      "Checks:",
      expect.stringMatching(
        /^ {2}✅ passed: offline-schema \(hashicorp\/aws 5\.100\.0\) — .* offline schema 5\.100\.0 for constraint >= 5\.0, ~> 5\.70; argument constraints \(conflicts, one-of, required-with\) from the hashicorp\/aws \S+ source$/,
      ),
    ]);
    expect(result.stdout).toContain("⏭️ not run: terraform-validate — not requested");
  });

  it("keeps warnings from failing the run", async () => {
    const dir = join(scratch, "unformatted");
    await mkdir(dir);
    await writeFile(
      join(dir, "q.tf"),
      'resource "aws_sqs_queue" "q" {\n  name = "q"\n  delay_seconds = 0\n}\n',
    );
    const result = await runCli(["validate", dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("    2  warning  not_formatted  not in canonical terraform fmt layout");
  });

  it("reports a binary main.tf and invalid HCL as findings, not crashes", async () => {
    const dir = join(scratch, "evil");
    await mkdir(dir);
    await writeFile(join(dir, "main.tf"), Buffer.from([0, 1, 2, 255, 254, 0, 10]));
    await writeFile(join(dir, "broken.tf"), 'resource "aws_sqs_queue" "q" {\n  name = "q"\n');
    const result = await runCli(["validate", dir, "--json"]);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as { findings: { file: string; code: string }[] };
    expect(parsed.findings.map((f) => [f.file, f.code])).toEqual([
      ["broken.tf", "parse_error"],
      ["main.tf", "binary_file"],
    ]);
  });

  it("exits 1 with a reason when the directory holds no Terraform", async () => {
    const dir = join(scratch, "empty");
    await mkdir(dir);
    const result = await runCli(["validate", dir, "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, findings: [] });
    expect(result.stderr).toBe(
      `devops-agent validate: no Terraform files (.tf, .tf.json, .tofu, .tofu.json) found under ${dir}\n`,
    );
  });

  it("exits 2 with one line for a missing directory or bad usage", async () => {
    expect(await runCli(["validate", "no/such/dir"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "devops-agent validate: cannot read no/such/dir: no such directory\n",
    });
    const none = await runCli(["validate"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'devops-agent validate: expected exactly one DIR, e.g. "validate examples/demo-infra"\n',
    );
    const flag = await runCli(["validate", "x", "--yaml"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr.split("\n")).toHaveLength(2);
  });

  it("prints help", async () => {
    const result = await runCli(["validate", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "devops-agent validate DIR [--json] [--terraform] [--sarif[=FILE]]",
    );
  });
});
