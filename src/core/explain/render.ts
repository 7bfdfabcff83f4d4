import { plural } from "../plan/markdown.js";
import { inlineCode, plainText } from "../text/markdown.js";
import { type Caps, changesSection } from "./changes.js";
import type { ExplainFacts, PlanSource, Question, RiskLevel } from "./types.js";

/** Room for the marker and the redactor's notes under GitHub's 65,536-character comment limit. */
export const EXPLAIN_BUDGET = 60_000;
const CAPS: readonly Caps[] = [
  { types: 15, addresses: 5, risks: 30 },
  { types: 10, addresses: 2, risks: 15 },
  { types: 5, addresses: 0, risks: 8 },
  { types: 3, addresses: 0, risks: 3 },
];
/** Risks of one kind (same level, source and wording) listed before "and N more". */
const SAME_KIND = 3;
const ICON: Readonly<Record<RiskLevel, string>> = {
  critical: "🔴 **Critical**",
  high: "🟠 **High**",
  cost: "💰 **Cost**",
  info: "ℹ️ **Note**",
};

/** The parts of the answer; a model may reword `body`, never `head` (sources, links) or `checked`. */
export interface Explanation {
  head: string;
  body: string;
  checked: string;
}

/** The deterministic answer: risks first, what changes, questions, then what was and was not checked. */
export function renderExplanation(facts: ExplainFacts, budget = EXPLAIN_BUDGET): Explanation {
  const checked = checkedSection(facts);
  const head = ["### 🔎 What this pull request changes", "", ...sourceLines(facts), ""].join("\n");
  let body = "";
  for (const caps of CAPS) {
    body = bodyOf(facts, caps);
    if (head.length + body.length + checked.length <= budget) break;
  }
  return { head, body, checked };
}

/** The whole comment: head, body, what was checked, and a footnote on who worded it. */
export function joinExplanation(e: Explanation, footnote: string): string {
  return `${e.head}\n${e.body}\n${e.checked}\n<sub>${footnote}</sub>\n`;
}

function bodyOf(facts: ExplainFacts, caps: Caps): string {
  const risks = riskLines(facts, caps);
  const changes = changesSection(facts, caps);
  return [
    "#### Risks first",
    "",
    ...(risks.length > 0
      ? risks
      : ["No destroys, replacements, IAM grants, public exposure or cost items found in what I checked."]),
    "",
    "#### What changes",
    "",
    ...(changes.length > 0
      ? changes
      : [
          "No resource is created, changed or destroyed in the Terraform files this pull request touches.",
          "",
        ]),
    ...(facts.questions.length > 0
      ? [
          "#### Questions a reviewer should ask",
          "",
          ...facts.questions.map((q, i) => `${i + 1}. ${question(q)}`),
          "",
        ]
      : []),
  ].join("\n");
}

/** A few of each kind of risk (same level, source and wording), then "and N more like these". */
function riskLines(facts: ExplainFacts, caps: Caps): string[] {
  const lines: string[] = [];
  const seen = new Map<string, number>();
  let hidden = 0;
  for (const r of facts.risks) {
    const kind = `${r.level}|${r.from}|${r.text}`;
    const count = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, count);
    if (count > SAME_KIND || lines.length >= caps.risks) {
      hidden += 1;
      continue;
    }
    const source = r.from === "diff" ? "code diff" : r.from;
    lines.push(
      `- ${ICON[r.level]} ${inlineCode(r.address)}: ${plainText(r.text)} <sub>${plainText(source)}</sub>`,
    );
  }
  const repeated = [...seen.values()].filter((n) => n > SAME_KIND).length;
  if (hidden > 0)
    lines.push(
      `- … and ${plural(hidden, "more risk")}${repeated > 0 ? " (most of them like the ones above)" : ""}`,
    );
  for (const p of facts.plans.filter((plan) => plan.current && plan.facts.moreRisks > 0))
    lines.push(
      `- … and ${plural(p.facts.moreRisks, "more critical or high risk")} in the plan comment of ${inlineCode(p.facts.root)}`,
    );
  return lines;
}

export function question(q: Question): string {
  return q.map((part) => (typeof part === "string" ? part : inlineCode(part.code))).join("");
}

const short = (sha: string) => inlineCode(sha.slice(0, 7));

function sourceLines(facts: ExplainFacts): string[] {
  const head = facts.pullRequest.headSha;
  const current = facts.plans.filter((p) => p.current);
  const stale = facts.plans.filter((p) => !p.current);
  const lines: string[] = [];
  if (current.length > 0)
    lines.push(
      `**Source: terraform's plan** for the head ${short(head)} — counts and ranked risks are the plan's; the changed arguments come from the code diff.`,
    );
  else
    lines.push(
      facts.plans.length === 0
        ? "**Source: the code diff.** No plan comment found: what is created, changed and destroyed comes from the Terraform code, not from terraform."
        : `**Source: the code diff.** The plan is for an older commit than the head ${short(head)}, so the lists below come from the code.`,
    );
  lines.push("");
  for (const p of current) lines.push(`- ${planCounts(p)} — [plan comment](${safeUrl(p.url)})`);
  for (const p of stale)
    lines.push(
      `- ⏳ ${planCounts(p)} — plan is for an older commit (${short(p.facts.sha)}, head is ${short(head)}); [plan comment](${safeUrl(p.url)})`,
    );
  if (current.length === 0) {
    const d = facts.diff;
    lines.push(
      `- From the code: ${d.created.length} created, ${d.changed.length} changed, ${d.destroyed.length} destroyed, ${d.moved.length} moved.`,
    );
  }
  return lines;
}

function planCounts(p: PlanSource): string {
  const c = p.facts.counts;
  const parts = [
    `${c.create} to create`,
    `${c.update} to change`,
    `${c.delete} to destroy`,
    `${c.replace} to replace`,
  ];
  if (c.move > 0) parts.push(`${c.move} moved`);
  return `${inlineCode(p.facts.root)}: ${parts.join(", ")}`;
}

function checkedSection(facts: ExplainFacts): string {
  const d = facts.diff;
  const { baseRef, baseSha } = facts.pullRequest;
  const base = `${inlineCode(baseRef)}${baseSha ? ` (${short(baseSha)})` : ""}`;
  const lines = [
    "#### What I checked, and what I did not",
    "",
    `- ✅ Compared the ${plural(d.terraformFiles.length, "Terraform file")} this pull request touches, resource by resource, between ${base} and the head ${short(facts.pullRequest.headSha)}.`,
  ];
  if (d.unreadable.length > 0)
    lines.push(
      `- ⚠️ Could not parse ${d.unreadable.slice(0, 5).map(inlineCode).join(", ")}${d.unreadable.length > 5 ? ` and ${d.unreadable.length - 5} more` : ""}: their resources are not in these lists.`,
    );
  lines.push(
    facts.review.ran
      ? `- ✅ The security and cost tables of \`/agent review\` on the changed files (${plural(facts.review.findings.length, "finding")}).`
      : `- ➖ The security and cost tables did not run: ${plainText(facts.review.why)}.`,
  );
  if (facts.plans.length === 0)
    lines.push(
      "- ➖ No plan comment found: created/changed counts come from the code diff, not from terraform. Comment `/agent plan` for one.",
    );
  else if (facts.plans.every((p) => !p.current))
    lines.push(
      "- ➖ The plan comment is for an older commit: its counts are shown, but the lists come from the code diff.",
    );
  else lines.push("- ✅ Read the latest plan comment of each root (written by the plan workflow's account).");
  lines.push(
    "- ➖ I ran no terraform for this answer: provider defaults, arguments that force a replacement and values known only at apply time are visible in a plan, not in the code.",
    "- ➖ Resources in files this pull request does not touch, and modules it calls from elsewhere, are not compared.",
  );
  if (d.otherFiles > 0) lines.push(`- ➖ ${plural(d.otherFiles, "other file")} (not Terraform) not read.`);
  return `${lines.join("\n")}\n`;
}

/** A link target from the API that cannot end the Markdown link early or become a script. */
function safeUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) return "#";
  return encodeURI(decodeURIComponentSafe(url)).replace(/\(/g, "%28").replace(/\)/g, "%29");
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
