import { STATEFUL_TYPES } from "../plan/stateful.js";
import type { ExplainFacts, Question, ResourceDiff } from "./types.js";

const MAX_QUESTIONS = 10;

/** What a reviewer should ask, each question tied to a fact (a destroy, a grant, a cost, an unset version). */
export function questionsOf(facts: ExplainFacts): Question[] {
  const { diff } = facts;
  const out: Question[] = [];
  const current = facts.plans.filter((p) => p.current);
  for (const p of facts.plans.filter((plan) => !plan.current))
    out.push([
      "The plan of ",
      { code: p.facts.root },
      " is for commit ",
      { code: p.facts.sha.slice(0, 7) },
      ", not the head ",
      { code: facts.pullRequest.headSha.slice(0, 7) },
      ": what does a plan of the head say? Comment `/agent plan` before approving.",
    ]);
  if (facts.plans.length === 0 && diff.terraformFiles.length > 0)
    out.push([
      "What does terraform itself plan? No plan comment was found; comment `/agent plan` to get one.",
    ]);
  for (const r of diff.destroyed) {
    const what = STATEFUL_TYPES[r.type];
    if (r.preventDestroy)
      out.push([
        { code: r.address },
        " has `prevent_destroy = true`, so the apply will fail: is removing it intended?",
      ]);
    else if (what)
      out.push([
        "Is destroying ",
        { code: r.address },
        ` intended? It is a ${what} and has no \`prevent_destroy\`: is there a backup or a final snapshot?`,
      ]);
  }
  out.push(...renames(diff.created, diff.destroyed, diff.moved.length));
  for (const f of facts.review.findings) {
    const at = f.address ?? f.file;
    if (f.ruleId === "security/iam-admin" || f.ruleId === "security/iam-wildcard")
      out.push([
        "Does ",
        { code: at },
        " need every action or resource it grants? Could the policy name them instead of `*`?",
      ]);
    else if (f.ruleId === "security/policy-open-to-anyone")
      out.push(["Who outside the account should reach ", { code: at }, "? Its policy allows any principal."]);
    else if (f.ruleId.startsWith("security/ingress-open") || f.ruleId.startsWith("security/s3-public"))
      out.push(["Should ", { code: at }, " be reachable from the whole internet?"]);
    else if (f.ruleId === "cost/nat-gateway")
      out.push([
        "What will ",
        { code: at },
        " cost per month at the expected traffic? A NAT gateway is billed per hour and per GB it processes.",
      ]);
    else if (f.ruleId === "cost/instance-size")
      out.push([
        "Is the size chosen for ",
        { code: at },
        " right for the workload (it sets the hourly price)?",
      ]);
    else if (f.ruleId === "cost/provisioned-capacity")
      out.push(["Is provisioned capacity on ", { code: at }, " needed, or would on-demand fit the traffic?"]);
  }
  for (const r of [...diff.created, ...diff.changed])
    if (r.unpinnedEngine)
      out.push([
        "Which version should ",
        { code: r.address },
        " run? ",
        { code: r.unpinnedEngine },
        " is not set, so AWS picks its default at creation.",
      ]);
  if (current.length === 0)
    for (const r of diff.changed.filter((c) => STATEFUL_TYPES[c.type]).slice(0, 3))
      out.push([
        "Does changing ",
        ...listed(r.arguments),
        " replace ",
        { code: r.address },
        "? Some arguments force a new resource; the plan says.",
      ]);
  return out.slice(0, MAX_QUESTIONS);
}

/** A destroy and a create of the same type in the same folder without a moved block: likely a rename. */
function renames(
  created: readonly ResourceDiff[],
  destroyed: readonly ResourceDiff[],
  moves: number,
): Question[] {
  if (moves > 0) return [];
  const folder = (r: ResourceDiff) => (r.address.includes(": ") ? r.address.split(": ")[0] : "");
  const out: Question[] = [];
  for (const gone of destroyed) {
    const twin = created.find((c) => c.type === gone.type && folder(c) === folder(gone));
    if (twin)
      out.push([
        "Is ",
        { code: twin.address },
        " a rename of ",
        { code: gone.address },
        "? Without a `moved` block terraform destroys the old one and creates a new one.",
      ]);
    if (out.length >= 2) break;
  }
  return out;
}

function listed(names: readonly string[]): Question {
  const shown = names
    .slice(0, 3)
    .flatMap((n, i): Question => (i === 0 ? [{ code: n }] : [", ", { code: n }]));
  return names.length > 3 ? [...shown, ` and ${names.length - 3} more`] : shown;
}
