import { describe, expect, it } from "@jest/globals";
import {
  EXPLAIN_BUDGET,
  diffResources,
  explainFacts,
  joinExplanation,
  latestPlans,
  renderExplanation,
  verifyAnswer,
  type DiffFacts,
  type PlanSource,
} from "../../../src/core/explain/index.js";
import { finalizeComment, COMMENT_LIMIT } from "../../../src/core/comments/index.js";
import { renderPlanFacts, type PlanFacts } from "../../../src/core/plan/facts-record.js";
import type { ParsedFile } from "../../../src/core/terraform/types.js";

const HEAD = "a".repeat(40);
const OLD = "b".repeat(40);

function file(
  path: string,
  resources: Record<string, Record<string, Record<string, unknown>>>,
  extra = {},
): ParsedFile {
  const resource = Object.fromEntries(
    Object.entries(resources).map(([type, byName]) => [
      type,
      Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, [body]])),
    ]),
  );
  return { path, content: "", body: { resource, ...extra } };
}

function diff(base: ParsedFile[], head: ParsedFile[], changed: string[]): DiffFacts {
  return diffResources({ base, head, changed, terraformFiles: changed, otherFiles: 0, unreadable: [] });
}

function facts(d: DiffFacts, plans: PlanSource[] = []) {
  return explainFacts({
    pullRequest: { number: 7, headSha: HEAD, baseRef: "main", baseSha: OLD },
    diff: d,
    plans,
    review: { findings: [], ran: true, why: "" },
  });
}

function plan(sha: string, patch: Partial<PlanFacts> = {}): PlanFacts {
  return {
    v: 1,
    root: "infra/prod",
    sha,
    counts: { create: 2, update: 0, delete: 1, replace: 0, move: 0, import: 0 },
    types: { create: { aws_s3_bucket: 2 }, update: {}, delete: { aws_dynamodb_table: 1 }, replace: {} },
    risks: [
      {
        severity: "critical",
        kind: "stateful",
        address: "aws_dynamodb_table.t",
        reason: "stateful table: destroying it loses its data",
      },
    ],
    moreRisks: 0,
    ...patch,
  };
}

describe("diffResources: what the code change does, resource by resource", () => {
  it("finds created, changed (which arguments) and destroyed resources in the touched files only", () => {
    const base = [
      file("a.tf", {
        aws_s3_bucket: { logs: { bucket: "l", tags: { a: "1" } } },
        aws_sqs_queue: { q: { name: "q" } },
      }),
      file("untouched.tf", { aws_sns_topic: { t: { name: "t" } } }),
    ];
    const head = [
      file("a.tf", { aws_s3_bucket: { logs: { bucket: "l2", tags: { a: "1" } } }, aws_kms_key: { k: {} } }),
    ];
    const d = diff(base, head, ["a.tf"]);
    expect(d.created.map((r) => r.address)).toEqual(["aws_kms_key.k"]);
    expect(d.changed).toEqual([
      expect.objectContaining({ address: "aws_s3_bucket.logs", arguments: ["bucket"] }),
    ]);
    // The untouched file's topic is absent from head only because head lists fewer files: not a destroy.
    expect(d.destroyed.map((r) => r.address)).toEqual(["aws_sqs_queue.q"]);
  });

  it("turns a destroy plus a create into a move when a moved block says so, and names module folders", () => {
    const base = [file("modules/db/main.tf", { aws_db_instance: { old: { engine: "postgres" } } })];
    const head = [
      file(
        "modules/db/main.tf",
        { aws_db_instance: { main: { engine: "postgres" } } },
        {
          moved: [{ from: "${aws_db_instance.old}", to: "${aws_db_instance.main}" }],
        },
      ),
    ];
    const d = diff(base, head, ["modules/db/main.tf"]);
    expect(d.created).toEqual([]);
    expect(d.destroyed).toEqual([]);
    expect(d.moved).toEqual([
      { from: "modules/db: aws_db_instance.old", to: "modules/db: aws_db_instance.main" },
    ]);
  });

  it("flags prevent_destroy on what is removed and an unset engine version on what is added", () => {
    const base = [file("db.tf", { aws_rds_cluster: { c: { lifecycle: [{ prevent_destroy: true }] } } })];
    const head = [
      file("db.tf", { aws_elasticache_replication_group: { r: { node_type: "cache.t4g.small" } } }),
    ];
    const f = facts(diff(base, head, ["db.tf"]));
    expect(f.diff.destroyed[0]?.preventDestroy).toBe(true);
    expect(f.risks[0]).toMatchObject({ level: "critical", address: "aws_rds_cluster.c" });
    expect(f.risks[0]?.text).toContain("prevent_destroy, so the apply will stop with an error");
    const questions = f.questions.map((q) =>
      q.map((p) => (typeof p === "string" ? p : `\`${p.code}\``)).join(""),
    );
    expect(questions).toContain(
      "`aws_rds_cluster.c` has `prevent_destroy = true`, so the apply will fail: is removing it intended?",
    );
    expect(questions.some((q) => q.includes("`engine_version` is not set"))).toBe(true);
  });
});

describe("plans: the latest plan comment of each root, believed from the plan account only", () => {
  const comment = (author: string, facts: PlanFacts, marker = true) => ({
    author,
    url: `https://github.com/o/r/pull/7#issuecomment-${author.length}`,
    body: `${marker ? `<!-- devops-agent:plan:${facts.root} -->\n` : ""}## plan\n${renderPlanFacts(facts)}\n`,
  });

  it("keeps the last comment per root, and marks a plan of an older commit as stale", () => {
    const plans = latestPlans(
      [
        comment("github-actions[bot]", plan(HEAD, { counts: { ...plan(HEAD).counts, create: 9 } })),
        comment("mallory", plan(HEAD, { counts: { ...plan(HEAD).counts, create: 99 } })),
        comment("github-actions[bot]", plan(HEAD, { root: "infra/dev" }), false),
        comment("github-actions[bot]", plan(OLD)),
      ],
      { planAuthor: "github-actions[bot]", headSha: HEAD },
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]?.current).toBe(false);
    expect(plans[0]?.facts.counts.create).toBe(2);
  });

  it("a stale plan's counts are shown as stale; the lists and risks come from the code diff", () => {
    const d = diff([file("t.tf", { aws_dynamodb_table: { t: {} } })], [file("t.tf", {})], ["t.tf"]);
    const stale: PlanSource = { facts: plan(OLD), url: "https://github.com/o/r/pull/7#c", current: false };
    const text = joinExplanation(renderExplanation(facts(d, [stale])), "f");
    expect(text).toContain("plan is for an older commit (`bbbbbbb`, head is `aaaaaaa`)");
    expect(text).toContain("From the code: 0 created, 0 changed, 1 destroyed, 0 moved.");
    expect(text).toContain("removed from the code: the next apply destroys this stateful table");
    expect(text).not.toContain("Source: terraform's plan");
  });
});

describe("a large change fits one comment", () => {
  const records = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`r${i}`, { name: `r${i}.example.com` }]));

  it("lists a few of each kind with 'and N more', one line per kind", () => {
    const d = diff([], [file("dns.tf", { aws_route53_record: records(400) })], ["dns.tf"]);
    const text = joinExplanation(renderExplanation(facts(d)), "f");
    expect(text).toContain("- 400 × `aws_route53_record`: `aws_route53_record.r0`");
    expect(text).toContain(", and 395 more `aws_route53_record`");
    expect(text.match(/aws_route53_record\.r\d+/g)).toHaveLength(5);
  });

  it("thousands of resources of hundreds of types and a big plan stay under the comment limit", () => {
    const types = Object.fromEntries(Array.from({ length: 300 }, (_, t) => [`aws_type_${t}`, records(10)]));
    const d = diff([file("big.tf", types)], [file("big.tf", {})], ["big.tf"]);
    const risks = Array.from({ length: 12 }, (_, i) => ({
      severity: "high" as const,
      kind: "delete",
      address: `aws_type_${i}.r${i}`,
      reason: "destroyed ".repeat(20),
    }));
    const big = plan(HEAD, {
      counts: { create: 2400, update: 300, delete: 3000, replace: 12, move: 0, import: 0 },
      types: { create: { aws_route53_record: 2400 }, update: {}, delete: { aws_type_1: 3000 }, replace: {} },
      risks,
      moreRisks: 2988,
    });
    const stale = facts(d);
    const text = joinExplanation(renderExplanation(stale), "f");
    expect(text.length).toBeLessThanOrEqual(EXPLAIN_BUDGET);
    expect(text).toContain("more risk");
    expect(text).toMatch(/… and [\d,]+ more resources? of [\d,]+ other types/);
    const withPlan = joinExplanation(
      renderExplanation(facts(d, [{ facts: big, url: "https://x/y", current: true }])),
      "f",
    );
    expect(withPlan).toContain("`infra/prod`: 2400 to create, 300 to change, 3000 to destroy, 12 to replace");
    expect(finalizeComment("<!-- m -->", withPlan).length).toBeLessThan(COMMENT_LIMIT);
    expect(withPlan).not.toContain("✂️");
  });
});

describe("verifyAnswer: the model may reword, not add", () => {
  const f = facts(diff([], [file("a.tf", { aws_s3_bucket: { logs: {} } })], ["a.tf"]));
  const draft = renderExplanation(f).body;
  const ok =
    "#### Risks first\n\nNone.\n\n#### What changes\n\n- 1 bucket, `aws_s3_bucket.logs`.\n\n#### Questions a reviewer should ask\n\n1. What does the plan say?";

  it.each([
    ["an invented type", ok.replace("1 bucket", "1 `aws_kms_key`"), "the type `aws_kms_key`"],
    ["HTML", `${ok}\n<img src=x onerror=alert(1)>`, "contained HTML"],
    ["a link", `${ok}\n[details](https://evil.example)`, "contained a link"],
    [
      "a dropped risks section",
      ok.replace("#### Risks first", "#### Summary"),
      "dropped the section Risks first",
    ],
  ])("rejects %s", (_name, answer, reason) => {
    const verdict = verifyAnswer(answer, f, draft);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? "" : verdict.reason).toContain(reason);
  });

  it("accepts a faithful rewording", () => {
    expect(verifyAnswer(ok, f, draft)).toEqual({ ok: true, text: ok });
  });
});
