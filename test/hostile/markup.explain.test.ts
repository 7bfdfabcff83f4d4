// Hostile Terraform and plan text in `/agent explain`'s answer: names, paths, messages and plan reasons built to
// leave a code span, open HTML, add links or notify people. Resource names from `.tf.json` may hold any text.
import { describe, expect, it } from "@jest/globals";
import { finalizeComment } from "../../src/core/comments/index.js";
import {
  diffResources,
  explainFacts,
  joinExplanation,
  latestPlans,
  renderExplanation,
  type PlanSource,
  type ReviewFact,
} from "../../src/core/explain/index.js";
import { renderPlanFacts, type PlanFacts } from "../../src/core/plan/facts-record.js";
import type { ParsedFile } from "../../src/core/terraform/types.js";
import { outsideCode } from "./markdown.js";

const HEAD = "a".repeat(40);
const EVIL_NAME = "x` <img src=x onerror=alert(1)> @octo-org/admins [win](https://evil.example) `";

function answer(options: {
  head?: ParsedFile[];
  base?: ParsedFile[];
  findings?: ReviewFact[];
  plans?: PlanSource[];
}) {
  const changed = ["evil.tf.json", "a.tf"];
  const diff = diffResources({
    base: options.base ?? [],
    head: options.head ?? [],
    changed,
    terraformFiles: changed,
    otherFiles: 0,
    unreadable: [],
  });
  const facts = explainFacts({
    pullRequest: { number: 1, headSha: HEAD, baseRef: "main` @evil", baseSha: null },
    diff,
    plans: options.plans ?? [],
    review: { findings: options.findings ?? [], ran: true, why: "" },
  });
  return finalizeComment("<!-- devops-agent:explain:1 -->", joinExplanation(renderExplanation(facts), "f"));
}

const resourceFile = (type: string, name: string, body: Record<string, unknown> = {}): ParsedFile => ({
  path: "evil.tf.json",
  content: "",
  body: { resource: { [type]: { [name]: [body] } } },
});

function expectInert(markdown: string) {
  const live = outsideCode(markdown);
  expect(live).not.toMatch(/<img|<script|<details|<a /i);
  expect(live).not.toMatch(/\]\(https:\/\/evil/);
  expect(live).not.toMatch(/(^|[^`\w])@octo-org\/admins/);
  expect(live).not.toMatch(/(^|[^`\w])@evil/);
}

describe("explain answer: hostile names stay text", () => {
  it("a created resource whose name closes the code span and adds HTML, a link and a team mention", () => {
    expectInert(answer({ head: [resourceFile("aws_s3_bucket", EVIL_NAME)] }));
  });

  it("a destroyed resource with the same name (risk line and reviewer question)", () => {
    const out = answer({ base: [resourceFile("aws_db_instance", EVIL_NAME)] });
    expect(out).toContain("🔴 **Critical**");
    expectInert(out);
  });

  it("a changed resource whose argument names are hostile", () => {
    const out = answer({
      base: [resourceFile("aws_db_instance", "db", { [EVIL_NAME]: 1 })],
      head: [resourceFile("aws_db_instance", "db", { [EVIL_NAME]: 2 })],
    });
    expect(out).toContain("Does changing");
    expectInert(out);
  });

  it("a resource type crafted like a name", () => {
    expectInert(answer({ head: [resourceFile(`aws_x${EVIL_NAME}`, "n")] }));
  });

  it("a review message with markup, HTML and mentions", () => {
    const finding: ReviewFact = {
      ruleId: "security/iam-wildcard",
      source: "security",
      level: "warning",
      address: "aws_iam_policy.p",
      file: "a.tf",
      line: 1,
      message: `aws_iam_policy.p allows ${EVIL_NAME} <details><summary>x</summary> **bold** @evil`,
    };
    expectInert(answer({ findings: [finding] }));
  });

  it.each([
    [
      "a mention with a hyphen, which escaping would hide from the neutraliser",
      "grants @octo-org/admins-team access",
    ],
    ["a mention inside backticks, which become entities", "grants `@octo-org/admins` access"],
    ["a mention after an escaped character", "grants *@octo-org/admins* access"],
  ])("a review message with %s stays quiet", (_name, message) => {
    const out = answer({
      findings: [
        {
          ruleId: "security/iam-wildcard",
          source: "security",
          level: "warning",
          address: "aws_iam_policy.p",
          file: "a.tf",
          line: 1,
          message,
        },
      ],
    });
    expect(out).toMatch(/`@octo-org\/admins(-team)?`/);
    expectInert(out);
  });

  it("a plan comment whose risk reason and root carry markup", () => {
    const facts: PlanFacts = {
      v: 1,
      root: EVIL_NAME.slice(0, 60),
      sha: HEAD,
      counts: { create: 1, update: 0, delete: 0, replace: 0, move: 0, import: 0 },
      types: { create: { [`aws_${EVIL_NAME}`]: 1 }, update: {}, delete: {}, replace: {} },
      risks: [{ severity: "critical", kind: "iam", address: EVIL_NAME, reason: `-->${EVIL_NAME}<!--` }],
      moreRisks: 0,
    };
    expectInert(answer({ plans: [{ facts, url: "javascript:alert(1)", current: true }] }));
  });

  it("a plan comment link that is not http(s) becomes inert", () => {
    const facts = {
      v: 1,
      root: ".",
      sha: HEAD,
      counts: { create: 0, update: 0, delete: 0, replace: 0, move: 0, import: 0 },
      types: { create: {}, update: {}, delete: {}, replace: {} },
      risks: [],
      moreRisks: 0,
    } as const;
    const out = answer({
      plans: [{ facts: { ...facts, risks: [] }, url: "javascript:alert(1)", current: true }],
    });
    expect(out).not.toContain("javascript:");
    expect(out).toContain("[plan comment](#)");
  });
});

describe("the hidden plan-facts line cannot be broken out of", () => {
  it("a reason holding '-->' does not end the HTML comment early, and reads back intact", () => {
    const facts: PlanFacts = {
      v: 1,
      root: ".",
      sha: HEAD,
      counts: { create: 0, update: 0, delete: 1, replace: 0, move: 0, import: 0 },
      types: { create: {}, update: {}, delete: { aws_s3_bucket: 1 }, replace: {} },
      risks: [
        { severity: "high", kind: "delete", address: "aws_s3_bucket.b", reason: "--> <img src=x> --!>" },
      ],
      moreRisks: 0,
    };
    const line = renderPlanFacts(facts);
    expect(line.indexOf("-->")).toBe(line.length - 3);
    expect(line).not.toMatch(/<img/);
    const body = `<!-- devops-agent:plan:. -->\n${line}\n`;
    const [plan] = latestPlans([{ author: "github-actions[bot]", url: "https://x", body }], {
      planAuthor: "github-actions[bot]",
      headSha: HEAD,
    });
    expect(plan?.facts.risks[0]?.reason).toBe("--> <img src=x> --!>");
  });

  it("a forged facts line in a comment by someone else is ignored", () => {
    const body = `<!-- devops-agent:plan:. -->\n<!-- devops-agent:plan-facts {"v":1} -->\n`;
    expect(
      latestPlans([{ author: "mallory", url: "https://x", body }], {
        planAuthor: "github-actions[bot]",
        headSha: HEAD,
      }),
    ).toEqual([]);
  });
});
