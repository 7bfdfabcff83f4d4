import { spawnSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createSandbox } from "../../src/adapters/sandbox/index.js";
import { parseValidateJson } from "../../src/validation/terraform-json.js";
import { validateTree } from "../../src/validation/index.js";
import { sandboxOrSkip, scratch } from "../adapters/sandbox/support.js";

const { describeIf } = await sandboxOrSkip("test/validation/terraform.sandbox.test.ts");
const hasTerraform = spawnSync("terraform", ["version"]).status === 0;
if (!hasTerraform)
  console.warn("test/validation/terraform.sandbox.test.ts: terraform is not on PATH; real runs skipped");
const describeReal = hasTerraform ? describeIf : describe.skip;

const BROKEN = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

resource "aws_sqs_queue" "q" {
  name = var.queue_name
}
`;

describeReal("validateTree --terraform: real terraform validate in the sandbox", () => {
  let ws = { dir: "", remove: async () => {} };
  beforeAll(async () => {
    ws = await scratch("tf-layer-");
    await mkdir(join(ws.dir, "queue"));
    await writeFile(join(ws.dir, "queue", "main.tf"), BROKEN);
  });
  afterAll(() => ws.remove());

  it("reports terraform's diagnostics with file and line, says what ran, and leaves the tree untouched", async () => {
    const report = await validateTree({ root: ws.dir, terraform: "auto" });
    const tf = report.findings.filter((f) => f.code === "terraform_validate");
    expect(tf).toEqual([
      expect.objectContaining({
        file: "queue/main.tf",
        line: 8,
        severity: "error",
        message: expect.stringContaining("Reference to undeclared input variable"),
      }),
    ]);
    const check = report.checks.find((c) => c.name === "terraform-validate");
    expect(check).toMatchObject({
      ran: true,
      ok: false,
      version: expect.stringMatching(/^terraform \d+\.\d+/),
    });
    expect(check?.why).toMatch(/bubblewrap .* sandbox/);
    expect(report.ok).toBe(false);
    // init ran on a copy: no .terraform or lock file appears in the user's tree.
    expect(await readdir(join(ws.dir, "queue"))).toEqual(["main.tf"]);
  }, 120_000);
});

describe("the terraform layer without a sandbox", () => {
  it("does not run terraform bare; it says why and only the offline checks count", async () => {
    const ws = await scratch("tf-layer-none-");
    await writeFile(join(ws.dir, "main.tf"), BROKEN);
    const report = await validateTree(
      { root: ws.dir, terraform: "auto" },
      { terraformLayer: { sandbox: createSandbox({ bwrapPath: "/nonexistent/bwrap" }) } },
    );
    const check = report.checks.find((c) => c.name === "terraform-validate");
    expect(check).toMatchObject({ ran: false, ok: null });
    expect(check?.why).toMatch(
      hasTerraform ? /no sandbox to run it in .*only the offline checks ran/ : /not on PATH/,
    );
    expect(report.findings.map((f) => f.code)).toEqual(["undeclared_variable"]);
    await ws.remove();
  });
});

describe("parseValidateJson", () => {
  it("turns diagnostics into findings relative to the scanned root", () => {
    const json = JSON.stringify({
      valid: false,
      diagnostics: [
        {
          severity: "error",
          summary: "Unsupported argument",
          detail: 'An argument named\n"x" is not expected here.',
          range: { filename: "main.tf", start: { line: 3 } },
        },
        { severity: "warning", summary: "Deprecated attribute" },
      ],
    });
    expect(parseValidateJson(json, "mod")).toEqual([
      {
        file: "mod/main.tf",
        line: 3,
        severity: "error",
        code: "terraform_validate",
        message: 'Unsupported argument: An argument named "x" is not expected here.',
        suggestion: null,
      },
      {
        file: "mod",
        line: null,
        severity: "warning",
        code: "terraform_validate",
        message: "Deprecated attribute",
        suggestion: null,
      },
    ]);
  });

  it("never turns output it cannot read into a pass", () => {
    expect(parseValidateJson("panic: runtime error", "")).toEqual([
      expect.objectContaining({
        severity: "error",
        message: expect.stringContaining("did not print its JSON report"),
      }),
    ]);
  });
});
