import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { pullRequestBody } from "../../src/core/pr/body.js";
import { validateTree } from "../../src/validation/index.js";

describe("validateTree, the one entry for validation", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "validate-tree-"));
    await writeFile(join(dir, "human.tf"), 'resource "aws_sqs_queue" "old" {\n  nmae = "x"\n}\n');
    await writeFile(join(dir, "agent.tf"), 'resource "aws_sqs_queue" "new" {\n  name = "y"\n}\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lists every layer with whether it ran and why", async () => {
    const report = await validateTree({ root: dir });
    expect(report.ok).toBe(false);
    expect(report.filesChecked).toBe(2);
    expect(report.findings.map((f) => [f.file, f.code])).toEqual([["human.tf", "unknown_argument"]]);
    expect(report.checks.map((c) => [c.name, c.ran, c.ok])).toEqual([
      ["offline-schema", true, false],
      ["terraform-validate", false, null],
      ["policy", true, true],
    ]);
    expect(report.checks[0]?.version).toMatch(/^hashicorp\/aws \d+\.\d+\.\d+$/);
  });

  it("reports only the changed files' findings when told which files the agent wrote", async () => {
    const report = await validateTree({ root: dir, changed: ["agent.tf"] });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("never presents a change as validated in the PR body when a check that ran failed", async () => {
    const report = await validateTree({ root: dir });
    const body = pullRequestBody({
      request: "queue",
      summary: "adds a queue",
      mode: "recipes",
      files: [],
      resources: [],
      validation: { ok: report.ok, findings: report.findings, skipped: [], checks: report.checks },
      docsConsulted: [],
      llm: { calls: 0, promptTokens: 0, completionTokens: 0 },
    });
    expect(body).toContain("❌ Validation found problems:");
    // The failed layer is marked failed; the only ✅ is a layer that did pass (policy), never the verdict.
    expect(body).not.toContain("✅ HCL parses");
    expect(body).toContain("❌ failed: offline-schema");
    expect(body.split("\n").filter((l) => l.includes("✅"))).toEqual([
      expect.stringMatching(/^- ✅ passed: policy — /),
    ]);
    expect(body).toContain("- ❌ failed: offline-schema (hashicorp/aws");
    expect(body).toContain("- ⏭️ not run: terraform-validate — not requested");
  });
});
