import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";

const fixture = (name: string) => `test/fixtures/plan/${name}`;

describe("devops-agent plan summarize", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "plan-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the DESIGN §3 JSON contract with --json", async () => {
    const result = await runCli(["plan", "summarize", fixture("format-0.1.json"), "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      create: 1,
      update: 0,
      delete: 1,
      replace: 1,
      noop: 0,
      read: 0,
      resources: [
        { address: "aws_instance.web", type: "aws_instance", actions: ["create"] },
        { address: "aws_eip.web", type: "aws_eip", actions: ["delete", "create"] },
        { address: "aws_security_group.old", type: "aws_security_group", actions: ["delete"] },
      ],
      sensitive: [],
    });
  });

  it("prints the Markdown comment by default, and with --markdown and --root", async () => {
    const plain = await runCli(["plan", "summarize", fixture("no-changes.json")]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split("\n")[0]).toBe("<!-- devops-agent:plan:. -->");
    expect(plain.stdout).toContain("**No changes. Your infrastructure matches the configuration.**");
    const rooted = await runCli([
      "plan",
      "summarize",
      fixture("no-changes.json"),
      "--markdown",
      "--root",
      "envs/prod",
    ]);
    expect(rooted.stdout.split("\n")[0]).toBe("<!-- devops-agent:plan:envs/prod -->");
  });

  it("reads standard input with -, including UTF-16 from PowerShell", async () => {
    const text = readFileSync(fixture("format-0.1.json"), "utf8");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const result = await runCli(["plan", "summarize", "-", "--json"], { stdin: utf16 });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { replace: number }).replace).toBe(1);
  });

  it("exits 1 with --fail-on-delete when anything is destroyed or replaced, 0 otherwise", async () => {
    const destroys = await runCli([
      "plan",
      "summarize",
      fixture("format-0.1.json"),
      "--json",
      "--fail-on-delete",
    ]);
    expect(destroys.code).toBe(1);
    expect(destroys.stderr).toBe(
      "devops-agent plan: the plan destroys 1 and replaces 1 resources (--fail-on-delete)\n",
    );
    const safe = await runCli(["plan", "summarize", fixture("sensitive-unknown.json"), "--fail-on-delete"]);
    expect(safe.code).toBe(0);
  });

  it.each([
    [
      "not JSON",
      "Error: Backend initialization required\n",
      'devops-agent plan: stdin: not JSON: the input starts with "Error: Backend initialization required"',
    ],
    [
      "not a plan",
      '{"format_version":"1.0","values":{}}',
      "devops-agent plan: stdin: not a Terraform plan: no planned_values or resource_changes; this is a state file; pass a plan: terraform show -json tfplan",
    ],
    [
      "a failed run",
      '{"format_version":"1.2","planned_values":{},"errored":true}',
      "devops-agent plan: stdin: the plan comes from a failed terraform run (errored: true); fix the errors it reported and plan again",
    ],
    [
      "truncated",
      '{"format_version":"1.2","resource_changes":[{"address":',
      "devops-agent plan: stdin: truncated JSON: the file ends in the middle of the plan (was the write cut short?)",
    ],
  ])("exits 2 with one line for %s", async (_name, stdin, message) => {
    const result = await runCli(["plan", "summarize", "-"], { stdin });
    expect(result).toEqual({ code: 2, stdout: "", stderr: `${message}\n` });
  });

  it.each([
    [
      ["plan"],
      'devops-agent plan: expected "summarize"; usage: devops-agent plan summarize FILE [--json|--markdown] [--fail-on-delete] [--root DIR] [--cost]',
    ],
    [
      ["plan", "summarize"],
      "devops-agent plan: expected one FILE (or - for stdin); usage: devops-agent plan summarize FILE [--json|--markdown] [--fail-on-delete] [--root DIR] [--cost]",
    ],
    [
      ["plan", "summarize", "a.json", "--json", "--markdown"],
      "devops-agent plan: --json and --markdown cannot be combined",
    ],
    [["plan", "summarize", "missing.json"], "devops-agent plan: cannot read missing.json: ENOENT"],
    [["plan", "summarize", "test"], "devops-agent plan: cannot read test: not a regular file"],
  ])("exits 2 on bad usage: %j", async (argv, message) => {
    const result = await runCli(argv);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `${message}\n` });
  });

  it("refuses a file above the size cap before reading it", async () => {
    const huge = join(dir, "huge.json");
    writeFileSync(huge, "{");
    truncateSync(huge, 600 * 1024 * 1024); // sparse: no disk or memory used
    const result = await runCli(["plan", "summarize", huge]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`devops-agent plan: ${huge} is 600 MiB; plans above 512 MiB are refused\n`);
  });

  it("reports binary files cleanly", async () => {
    const binary = join(dir, "tfplan");
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10]));
    const result = await runCli(["plan", "summarize", binary]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `devops-agent plan: ${binary}: this is a binary plan file; convert it first: terraform show -json tfplan > plan.json\n`,
    );
  });
});
