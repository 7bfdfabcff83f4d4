import { describe, expect, it } from "@jest/globals";
import { createHclParser } from "../../../src/adapters/hcl/index.js";
import {
  diffAgentBlocks,
  distill,
  effectiveLessons,
  parseLessonsFile,
  updateLessonsFile,
  type Correction,
  type FeedbackEvent,
} from "../../../src/core/lessons/index.js";
import type { ParsedFile } from "../../../src/core/terraform/types.js";

const parser = createHclParser();
async function files(map: Record<string, string>): Promise<ParsedFile[]> {
  const out: ParsedFile[] = [];
  for (const [path, content] of Object.entries(map)) {
    const parsed = await parser.parse(path, content);
    if (!parsed.ok) throw new Error(parsed.error.message);
    out.push({ path, content, body: parsed.body });
  }
  return out;
}

const QUEUE = (timeout: number, name = "orders") =>
  `resource "aws_sqs_queue" "${name}" {\n  name = "${name}"\n  visibility_timeout_seconds = ${timeout}\n  sqs_managed_sse_enabled = true\n}\n`;

const correction = (pr: number, change: Partial<Correction>): FeedbackEvent => ({
  kind: "correction",
  key: `c:${pr}:${change.attribute ?? change.op}:${JSON.stringify(change.to)}`,
  repo: "o/r",
  at: pr,
  pr,
  url: `https://github.com/o/r/pull/${pr}/files`,
  change: { op: "changed", resourceType: "aws_sqs_queue", name: "q", path: "sqs.tf", ...change },
});
const never = () => false;

describe("attribute-level diff of the agent's blocks", () => {
  it("finds a changed argument, an added one and a removed one, only in blocks the agent wrote", async () => {
    const base = await files({ "main.tf": 'resource "aws_s3_bucket" "old" {\n  bucket = "x"\n}\n' });
    const agent = await files({
      "main.tf": 'resource "aws_s3_bucket" "old" {\n  bucket = "x"\n}\n',
      "sqs.tf": QUEUE(30),
    });
    const head = await files({
      "main.tf": 'resource "aws_s3_bucket" "old" {\n  bucket = "changed-by-people"\n}\n',
      "sqs.tf":
        'resource "aws_sqs_queue" "orders" {\n  name = "orders"\n  visibility_timeout_seconds = 120\n  delay_seconds = 5\n}\n',
    });
    const changes = diffAgentBlocks({ base, agent, head });
    expect(changes).toEqual([
      {
        op: "added",
        resourceType: "aws_sqs_queue",
        name: "orders",
        path: "sqs.tf",
        attribute: "delay_seconds",
        to: 5,
      },
      {
        op: "removed",
        resourceType: "aws_sqs_queue",
        name: "orders",
        path: "sqs.tf",
        attribute: "sqs_managed_sse_enabled",
        from: true,
      },
      {
        op: "changed",
        resourceType: "aws_sqs_queue",
        name: "orders",
        path: "sqs.tf",
        attribute: "visibility_timeout_seconds",
        from: 30,
        to: 120,
      },
    ]);
  });

  it("tells a renamed block, a moved file and a block replaced by a module call", async () => {
    const agent = await files({
      "sqs.tf": QUEUE(30) + QUEUE(30, "jobs"),
      "s3.tf": 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n',
    });
    const head = await files({
      "queues/sqs.tf": QUEUE(30),
      "sqs.tf": QUEUE(30, "prod_jobs").replace('name = "prod_jobs"', 'name = "jobs"'),
      "s3.tf": 'module "logs" {\n  source = "./modules/s3-bucket"\n  bucket = "acme-logs"\n}\n',
    });
    const ops = diffAgentBlocks({ base: [], agent, head }).map((c) => `${c.op}:${c.name}:${c.target ?? ""}`);
    expect(ops).toEqual([
      "renamed:jobs:prod_jobs",
      "file-moved:orders:queues/sqs.tf",
      "to-module:logs:./modules/s3-bucket",
    ]);
  });
});

describe("distilling lessons", () => {
  it("makes a lesson of the same correction on two pull requests, and cites both", () => {
    const lessons = distill(
      [
        correction(1, { attribute: "visibility_timeout_seconds", to: 120 }),
        correction(2, { attribute: "visibility_timeout_seconds", to: 120 }),
      ],
      { isProtected: never },
    );
    expect(lessons).toHaveLength(1);
    expect(lessons[0]).toMatchObject({
      id: "set.aws_sqs_queue.visibility_timeout_seconds",
      set: { attribute: "visibility_timeout_seconds", value: 120 },
      strength: { count: 2, total: 2 },
      evidence: ["https://github.com/o/r/pull/1/files", "https://github.com/o/r/pull/2/files"],
    });
  });

  it("ignores a one-off and contradicting corrections", () => {
    expect(distill([correction(1, { attribute: "delay_seconds", to: 5 })], { isProtected: never })).toEqual(
      [],
    );
    const contradicting = [
      correction(1, { attribute: "delay_seconds", to: 5 }),
      correction(2, { attribute: "delay_seconds", to: 9 }),
    ];
    expect(distill(contradicting, { isProtected: never })).toEqual([]);
  });

  it("is deterministic and counts a redelivered event once", () => {
    const events = [
      correction(1, { attribute: "delay_seconds", to: 5 }),
      correction(2, { attribute: "delay_seconds", to: 5 }),
    ];
    const twice = [...events, ...events];
    expect(distill(twice, { isProtected: never })).toEqual(
      distill([...events].reverse(), { isProtected: never }),
    );
  });

  it("never learns expressions as values", () => {
    const expr = [1, 2].map((pr) => correction(pr, { attribute: "name", to: "${var.env}-q" }));
    expect(distill(expr, { isProtected: never })).toEqual([]);
  });

  it("a forgotten lesson stays forgotten", () => {
    const events: FeedbackEvent[] = [
      correction(1, { attribute: "delay_seconds", to: 5 }),
      correction(2, { attribute: "delay_seconds", to: 5 }),
      {
        kind: "forget",
        key: "f",
        repo: "o/r",
        at: 3,
        id: "set.aws_sqs_queue.delay_seconds",
        author: "ada",
        url: "u",
      },
    ];
    expect(distill(events, { isProtected: never })).toEqual([]);
  });
});

describe("the lessons file", () => {
  const lesson = distill(
    [
      correction(1, { attribute: "delay_seconds", to: 5 }),
      correction(2, { attribute: "delay_seconds", to: 5 }),
    ],
    { isProtected: never },
  );

  it("keeps a maintainer's edit and comments, adds only what is new, and forgets on request", () => {
    const edited = [
      "# our notes stay",
      "version: 1",
      "lessons:",
      "  - id: set.aws_sqs_queue.delay_seconds",
      "    summary: we prefer 10",
      "    scope: { resource_type: aws_sqs_queue }",
      "    set: { attribute: delay_seconds, value: 10 }",
      "    strength: { count: 2, total: 2 }",
      "",
    ].join("\n");
    const same = updateLessonsFile(edited, lesson, []);
    expect(same.added).toEqual([]);
    expect(same.text).toContain("# our notes stay");
    expect(parseLessonsFile(same.text).lessons[0]?.set?.value).toBe(10);
    const forgot = updateLessonsFile(edited, lesson, ["set.aws_sqs_queue.delay_seconds"]);
    expect(forgot.removed).toEqual(["set.aws_sqs_queue.delay_seconds"]);
    const after = parseLessonsFile(forgot.text);
    expect(after.lessons).toEqual([]);
    expect(after.forgotten).toEqual(["set.aws_sqs_queue.delay_seconds"]);
    expect(effectiveLessons(after, lesson, true)).toEqual([]);
  });

  it("names a broken entry and keeps the others", () => {
    const file = parseLessonsFile(
      "lessons:\n  - id: ok.one\n    summary: s\n    strength: { count: 1, total: 1 }\n  - id: 'bad id with spaces'\n",
    );
    expect(file.lessons.map((l) => l.id)).toEqual(["ok.one"]);
    expect(file.problems[0]).toMatch(/^lessons\[1\]/);
  });
});
