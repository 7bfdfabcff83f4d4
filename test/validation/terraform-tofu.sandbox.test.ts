import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { validateTree } from "../../src/validation/index.js";
import { sandboxOrSkip, scratch } from "../adapters/sandbox/support.js";

const { describeIf } = await sandboxOrSkip("test/validation/terraform-tofu.sandbox.test.ts");
const hasTerraform = spawnSync("terraform", ["version"]).status === 0;
if (!hasTerraform)
  console.warn("test/validation/terraform-tofu.sandbox.test.ts: terraform is not on PATH; real runs skipped");
const describeReal = hasTerraform ? describeIf : describe.skip;

const QUEUE = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

resource "aws_sqs_queue" "q" {
  name = var.queue_name
}
`;

describeReal("the terraform layer on OpenTofu modules", () => {
  let ws = { dir: "", remove: async () => {} };
  beforeAll(async () => {
    ws = await scratch("tf-tofu-");
    // The root is OpenTofu's: terraform would read only the stale main.tf and call it this module.
    await writeFile(join(ws.dir, "main.tofu"), 'resource "aws_sns_topic" "t" {\n  name = "alerts"\n}\n');
    await writeFile(join(ws.dir, "main.tf"), 'resource "aws_sns_topic" "t" {\n  nme = "stale"\n}\n');
    await mkdir(join(ws.dir, "queue"));
    await writeFile(join(ws.dir, "queue", "main.tf"), QUEUE);
  });
  afterAll(() => ws.remove());

  it("runs terraform only where no .tofu file is, and names the modules it left out", async () => {
    const report = await validateTree({ root: ws.dir, terraform: "auto" });
    const check = report.checks.find((c) => c.name === "terraform-validate");
    expect(check).toMatchObject({ ran: true, ok: false });
    expect(check?.why).toMatch(
      /on 1 module\(s\); 1 module\(s\) with \.tofu files not checked \(terraform does not read them\): \.$/,
    );
    // queue/ was really validated; the stale main.tf (nme) was neither read offline nor by terraform.
    const tf = report.findings.filter((f) => f.code === "terraform_validate");
    expect(tf.map((f) => f.file)).toEqual(["queue/main.tf"]);
    expect(report.findings.some((f) => f.file === "main.tf" && f.code !== "tofu_shadowed")).toBe(false);
  }, 120_000);

  it("does not run at all when every module has .tofu files, and says why", async () => {
    const report = await validateTree({ root: ws.dir, terraform: "auto", changed: ["main.tofu"] });
    expect(report.checks.find((c) => c.name === "terraform-validate")).toMatchObject({
      ran: false,
      ok: null,
      why: "terraform does not read .tofu files, so it could not check .",
    });
  });
});
