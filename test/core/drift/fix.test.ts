// What the drift fix writes into the code and what it leaves to people, on the root's own files.
import { describe, expect, it } from "@jest/globals";
import { planDriftFix } from "../../../src/core/drift/fix.js";
import { attributeGaps, type DriftReport } from "../../../src/core/drift/report.js";
import { parsePlan } from "../../../src/core/plan/index.js";

const SHA = "a".repeat(40);
const base = (patch: Partial<DriftReport>): DriftReport => ({
  v: 1,
  root: "prod",
  sha: SHA,
  status: "drift",
  counts: { create: 0, update: 1, delete: 0, replace: 0 },
  resources: [],
  more: 0,
  tagGaps: [],
  attributes: [],
  ...patch,
});
const update = (address: string) => ({ address, actions: ["update"] });

const MAIN = `locals {
  tags = { Team = "core" }
}

resource "aws_s3_bucket" "plain" {
  bucket = "plain"
}

resource "aws_s3_bucket" "merged" {
  bucket = "merged"
  tags   = merge(local.tags, { Name = "merged" })
}

resource "aws_s3_bucket" "mapped" {
  bucket = "mapped"

  tags = {
    Name  = "mapped"
    Owner = "old"
  }
}

resource "aws_sqs_queue" "q" {
  name                       = "q"
  visibility_timeout_seconds = 30
  delay_seconds              = local.delay
}
`;
const files = [{ path: "prod/main.tf", content: MAIN }];

describe("planDriftFix", () => {
  it("adds a tags map where there is none, quoting keys that are not identifiers", () => {
    const plan = planDriftFix(
      base({
        resources: [update("aws_s3_bucket.plain")],
        tagGaps: [
          { address: "aws_s3_bucket.plain", key: "CostCenter", value: "cc-1" },
          { address: "aws_s3_bucket.plain", key: "team name", value: "a b" },
        ],
      }),
      files,
    );
    expect(plan.manual).toEqual([]);
    expect(plan.edits[0]?.content).toContain(
      'bucket = "plain"\n\n  tags = {\n    CostCenter = "cc-1"\n    "team name" = "a b"\n  }\n}',
    );
  });

  it("replaces a key's value in a literal map and adds new keys", () => {
    const plan = planDriftFix(
      base({
        resources: [update("aws_s3_bucket.mapped")],
        tagGaps: [
          { address: "aws_s3_bucket.mapped", key: "Owner", value: "platform" },
          { address: "aws_s3_bucket.mapped", key: "Env", value: "prod" },
        ],
      }),
      files,
    );
    const text = plan.edits[0]?.content ?? "";
    expect(text).toContain('    Owner = "platform"\n    Env = "prod"\n  }');
    expect(text).not.toContain('"old"');
  });

  it("leaves tags built by an expression to people, naming the expression", () => {
    const plan = planDriftFix(
      base({
        resources: [update("aws_s3_bucket.merged")],
        tagGaps: [{ address: "aws_s3_bucket.merged", key: "X", value: "y" }],
      }),
      files,
    );
    expect(plan.edits).toEqual([]);
    expect(plan.manual[0]?.how).toContain('`merge(local.tags, { Name = "merged" })`');
  });

  it("changes a literal argument only when the code holds the planned value; expressions are manual", () => {
    const plan = planDriftFix(
      base({
        resources: [update("aws_sqs_queue.q")],
        attributes: [
          { address: "aws_sqs_queue.q", name: "visibility_timeout_seconds", live: 90, code: 30 },
          { address: "aws_sqs_queue.q", name: "delay_seconds", live: 5, code: 0 },
          { address: "aws_sqs_queue.q", name: "name", live: "q2", code: "other" },
        ],
      }),
      files,
    );
    expect(plan.edits[0]?.content).toContain("  visibility_timeout_seconds = 90\n");
    expect(plan.fixed.map((f) => f.what)).toEqual([
      "`visibility_timeout_seconds`: `30` in the code, `90` in AWS",
    ]);
    expect(plan.manual.map((m) => m.how)).toEqual([
      expect.stringContaining("the expression `local.delay`"),
      expect.stringContaining("plan again"),
    ]);
  });

  it("module resources, count instances, missing blocks, creates, deletes and replaces are manual", () => {
    const plan = planDriftFix(
      base({
        resources: [
          update("module.logs.aws_s3_bucket.this"),
          update('aws_s3_bucket.many["a"]'),
          update("aws_s3_bucket.gone"),
          { address: "aws_sqs_queue.q2", actions: ["create"] },
          { address: "aws_sqs_queue.q3", actions: ["delete"] },
          { address: "aws_sqs_queue.q4", actions: ["delete", "create"] },
        ],
        tagGaps: [
          { address: "module.logs.aws_s3_bucket.this", key: "A", value: "1" },
          { address: 'aws_s3_bucket.many["a"]', key: "A", value: "1" },
          { address: "aws_s3_bucket.gone", key: "A", value: "1" },
        ],
      }),
      files,
    );
    expect(plan.edits).toEqual([]);
    expect(plan.manual.map((m) => m.how)).toEqual([
      expect.stringContaining("inside a module"),
      expect.stringContaining("`count`/`for_each`"),
      expect.stringContaining("not in this root's files"),
      expect.stringContaining("deleted outside Terraform?"),
      expect.stringContaining("no longer in the code"),
      expect.stringContaining("replacement"),
    ]);
  });
});

describe("attributeGaps (the Action's report)", () => {
  it("keeps changed top-level scalars, never unknown, sensitive, tags or ids", () => {
    const plan = parsePlan({
      format_version: "1.2",
      resource_changes: [
        {
          address: "aws_sqs_queue.q",
          mode: "managed",
          type: "aws_sqs_queue",
          name: "q",
          provider_name: "registry.terraform.io/hashicorp/aws",
          change: {
            actions: ["update"],
            before: {
              visibility_timeout_seconds: 60,
              name: "q",
              policy: "old",
              tags: { A: "1" },
              id: "x",
              secret: "s1",
              url: "u",
            },
            after: {
              visibility_timeout_seconds: 30,
              name: "q",
              policy: "new",
              tags: {},
              id: "y",
              secret: "s2",
              url: null,
            },
            after_unknown: { url: true },
            before_sensitive: { secret: true },
            after_sensitive: { secret: true },
          },
        },
      ],
    });
    expect(attributeGaps(plan)).toEqual([
      { address: "aws_sqs_queue.q", name: "visibility_timeout_seconds", live: 60, code: 30 },
      { address: "aws_sqs_queue.q", name: "policy", live: "old", code: "new" },
    ]);
  });
});
