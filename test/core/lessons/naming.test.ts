import { describe, expect, it } from "@jest/globals";
import {
  applyLessons,
  distill,
  parseLessonsFile,
  type EffectiveLesson,
  type FeedbackEvent,
} from "../../../src/core/lessons/index.js";

const never = () => false;
const renamed = (
  pr: number,
  name: string,
  from: string,
  to: string,
  type = "aws_sqs_queue",
): FeedbackEvent => ({
  kind: "correction",
  key: `c${pr}-${name}`,
  repo: "o/r",
  at: pr,
  pr,
  url: `https://github.com/o/r/pull/${pr}/files`,
  change: {
    op: "changed",
    resourceType: type,
    name,
    path: "main.tf",
    attribute: type === "aws_s3_bucket" ? "bucket" : "name",
    from,
    to,
  },
});

describe("naming lessons", () => {
  it("the same new prefix on two PRs, whatever the names, becomes naming.prefix", () => {
    const lessons = distill(
      [
        renamed(1, "orders", "${local.name_prefix}-orders", "${var.env}-orders"),
        renamed(2, "reports", "${local.name_prefix}-reports", "${var.env}-reports", "aws_s3_bucket"),
      ],
      { isProtected: never },
    );
    expect(lessons).toEqual([
      expect.objectContaining({
        id: "naming.prefix",
        naming: { prefix: "${var.env}" },
        summary:
          "people start the agent's resource names with `${var.env}` instead of `${local.name_prefix}` (2 of 2 pull requests)",
        strength: { count: 2, total: 2 },
      }),
    ]);
  });

  it("one PR, two different prefixes, or a rename beyond the prefix give no naming lesson", () => {
    const one = [
      renamed(1, "a", "${local.p}-a", "${var.env}-a"),
      renamed(1, "b", "${local.p}-b", "${var.env}-b"),
    ];
    expect(distill(one, { isProtected: never })).toEqual([]);
    const split = [
      renamed(1, "a", "${local.p}-a", "${var.env}-a"),
      renamed(2, "b", "${local.p}-b", "${var.stage}-b"),
    ];
    expect(distill(split, { isProtected: never })).toEqual([]);
    const other = [
      renamed(1, "a", "${local.p}-a", "${var.env}-x"),
      renamed(2, "b", "${local.p}-b", "${var.env}-y"),
    ];
    expect(distill(other, { isProtected: never })).toEqual([]);
  });

  it("never learns a prefix that calls functions or reads other resources", () => {
    for (const to of ['${file("/etc/passwd")}', "${data.external.x.result}", "${aws_iam_role.admin.name}"]) {
      const events = [renamed(1, "a", "${local.p}-a", `${to}-a`), renamed(2, "b", "${local.p}-b", `${to}-b`)];
      expect(distill(events, { isProtected: never })).toEqual([]);
    }
    const file = parseLessonsFile(
      'lessons:\n  - id: naming.prefix\n    summary: x\n    naming: { prefix: "${data.external.x.result}" }\n    strength: { count: 2, total: 2 }\n',
    );
    expect(file.lessons).toEqual([]);
    expect(file.problems[0]).toContain("naming.prefix");
  });

  it("renames only the blocks the agent added, replacing their leading interpolations", () => {
    const text = [
      'resource "aws_sqs_queue" "orders" {',
      '  name                       = "${local.name_prefix}-orders"',
      "  visibility_timeout_seconds = 30",
      "}",
      "",
      'resource "aws_sqs_queue" "plain" {',
      '  name = "plain"',
      "}",
      "",
      'resource "aws_sqs_queue" "theirs" {',
      '  name = "${local.name_prefix}-theirs"',
      "}",
    ].join("\n");
    const lesson: EffectiveLesson = {
      id: "naming.prefix",
      summary: "names start with ${var.env}",
      scope: { command: "request" },
      naming: { prefix: "${var.env}" },
      strength: { count: 2, total: 2 },
      evidence: [],
      pending: false,
    };
    const out = applyLessons({
      files: new Map([["sqs.tf", text]]),
      added: [
        { type: "aws_sqs_queue", name: "orders" },
        { type: "aws_sqs_queue", name: "plain" },
      ],
      lessons: [lesson],
      modules: new Map(),
      isProtected: never,
    });
    const result = out.files.get("sqs.tf") ?? "";
    expect(result).toContain('name                       = "${var.env}-orders"');
    expect(result).toContain('name = "${var.env}-plain"');
    expect(result).toContain('name = "${local.name_prefix}-theirs"');
    expect(out.applied).toEqual([
      {
        id: "naming.prefix",
        summary: lesson.summary,
        where: ["aws_sqs_queue.orders", "aws_sqs_queue.plain"],
      },
    ]);
  });
});
