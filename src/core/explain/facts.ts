import { STATEFUL_TYPES } from "../plan/stateful.js";
import type { DiffFacts, ExplainFacts, PlanSource, ReviewFact, RiskFact, RiskLevel } from "./types.js";
import { questionsOf } from "./questions.js";

export interface FactsInput {
  pullRequest: ExplainFacts["pullRequest"];
  diff: DiffFacts;
  plans: readonly PlanSource[];
  review: ExplainFacts["review"];
}

const ORDER: Readonly<Record<RiskLevel, number>> = { critical: 0, high: 1, cost: 2, info: 3 };
/** Review rules whose hits are as severe as a plan's critical risks: admin grants and public exposure. */
const CRITICAL_RULES = /^security\/(iam-admin|policy-open-to-anyone|s3-public|ingress-open)/;

/** The facts, with risks (most severe first) and reviewer questions derived from them. */
export function explainFacts(input: FactsInput): ExplainFacts {
  const current = input.plans.filter((p) => p.current);
  const risks: RiskFact[] = [
    ...current.flatMap((p) =>
      p.facts.risks.map((r): RiskFact => ({
        level: r.severity,
        address: r.address,
        text: r.reason,
        from: `plan of ${p.facts.root}`,
      })),
    ),
    // The plan knows what terraform will destroy; without a current one the code diff is the best guess.
    ...(current.length > 0 ? [] : diffRisks(input.diff)),
    ...input.review.findings.map(reviewRisk),
  ].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  const facts: ExplainFacts = {
    pullRequest: input.pullRequest,
    diff: input.diff,
    plans: [...input.plans],
    review: input.review,
    risks,
    questions: [],
  };
  return { ...facts, questions: questionsOf(facts) };
}

function diffRisks(diff: DiffFacts): RiskFact[] {
  return diff.destroyed.map((r): RiskFact => {
    const what = STATEFUL_TYPES[r.type];
    const guard = r.preventDestroy ? " (it has prevent_destroy, so the apply will stop with an error)" : "";
    return what
      ? {
          level: "critical",
          address: r.address,
          text: `removed from the code: the next apply destroys this stateful ${what} and its data${guard}`,
          from: "diff",
        }
      : {
          level: "high",
          address: r.address,
          text: `removed from the code: the next apply destroys it${guard}`,
          from: "diff",
        };
  });
}

function reviewRisk(f: ReviewFact): RiskFact {
  const level: RiskLevel =
    f.source === "cost"
      ? "cost"
      : f.level === "error" && CRITICAL_RULES.test(f.ruleId)
        ? "critical"
        : f.level === "note"
          ? "info"
          : "high";
  const address = f.address ?? f.file;
  // The table's messages start with the address the line already shows.
  const text = f.message.startsWith(`${address} `) ? f.message.slice(address.length + 1) : f.message;
  return { level, address, text, from: f.ruleId };
}
