import { fenceData } from "../prompt/fence.js";
import { question } from "./render.js";
import type { ExplainFacts } from "./types.js";

const LISTED = 80;
const MAX_ANSWER = 30_000;

/**
 * The prompt for a model that only rewords: the facts as fenced JSON and our own draft as fenced text. The
 * caller redacts `facts` first; nothing from the repository reaches the model outside a fence.
 */
export function explainPrompt(
  facts: ExplainFacts,
  draft: string,
  redact: (text: string) => string,
): { system: string; user: string } {
  const system = [
    "You rewrite an explanation of an infrastructure pull request so a reviewer reads it quickly.",
    "Use ONLY the facts in the JSON data and the draft. Never add a resource, a resource type, a number, a cost,",
    "a file or a claim that is not there; leave out anything you are unsure of.",
    "Keep three sections with these headings, in this order: '#### Risks first', '#### What changes',",
    "'#### Questions a reviewer should ask'. Risks stay first and most severe first.",
    "Write resource addresses and types exactly as given, inside backticks. Plain Markdown only: no HTML, no",
    "links, no images, no tables. Answer with the rewritten sections and nothing else.",
  ].join("\n");
  const user = [
    fenceData("pull request facts (JSON)", redact(JSON.stringify(modelFacts(facts), null, 1))),
    "",
    fenceData("draft explanation", redact(draft)),
  ].join("\n");
  return { system, user };
}

function modelFacts(facts: ExplainFacts) {
  const list = <T>(items: readonly T[]) => ({ total: items.length, items: items.slice(0, LISTED) });
  const { diff } = facts;
  return {
    pullRequest: facts.pullRequest,
    plans: facts.plans.map((p) => ({ ...p.facts, current: p.current })),
    created: list(diff.created.map(({ address, type }) => ({ address, type }))),
    changed: list(
      diff.changed.map(({ address, type, arguments: args }) => ({ address, type, arguments: args })),
    ),
    destroyed: list(
      diff.destroyed.map(({ address, type, preventDestroy }) => ({ address, type, preventDestroy })),
    ),
    moved: list(diff.moved),
    risks: list(facts.risks),
    questions: facts.questions.map(question),
  };
}

export type Verdict = { ok: true; text: string } | { ok: false; reason: string };

const ADDRESS = /(?:\bdata\.)?\baws_[a-z0-9_]+\.[A-Za-z0-9_-]+/g;
const TYPE = /\baws_[a-z0-9_]+/g;
const NUMBER = /(?<![\w.])\d+(?:[.,]\d+)*(?![\w])/g;
const LIST_MARKER = /^[ \t]*\d+[.)][ \t]/gm;

/**
 * Accepts the model's wording only when every resource address, type and number it writes is in the facts
 * or the draft, and it carries no HTML, links or images; otherwise says what it invented.
 */
export function verifyAnswer(answer: string, facts: ExplainFacts, draft: string): Verdict {
  const text = answer.trim();
  if (text === "") return { ok: false, reason: "the model's answer was empty" };
  if (text.length > MAX_ANSWER) return { ok: false, reason: "the model's answer was too long" };
  if (/<[A-Za-z/!?]/.test(text)) return { ok: false, reason: "the model's answer contained HTML" };
  if (/\]\(|https?:\/\/|\bwww\./i.test(text))
    return { ok: false, reason: "the model's answer contained a link" };
  for (const heading of ["#### Risks first", "#### What changes", "#### Questions a reviewer should ask"])
    if (draft.includes(heading) && !text.includes(heading))
      return { ok: false, reason: `the model's answer dropped the section ${heading.slice(5)}` };
  // Rewording may not soften: every serious risk the draft lists is still named.
  const serious = facts.risks.filter((r) => r.level === "critical" || r.level === "high");
  for (const risk of serious.filter((r) => draft.includes(r.address)).slice(0, 8))
    if (!text.includes(risk.address))
      return { ok: false, reason: `it left out the ${risk.level} risk on \`${clip(risk.address)}\`` };
  const known = `${JSON.stringify(modelFacts(facts))}\n${draft}`;
  for (const address of text.match(ADDRESS) ?? [])
    if (!known.includes(address))
      return { ok: false, reason: `it named \`${clip(address)}\`, which is not in the facts` };
  for (const type of text.match(TYPE) ?? [])
    if (!known.includes(type))
      return { ok: false, reason: `it named the type \`${clip(type)}\`, which is not in the facts` };
  const numbers = new Set((known.match(NUMBER) ?? []).map(normal));
  for (const n of text.replace(LIST_MARKER, "").match(NUMBER) ?? [])
    if (!numbers.has(normal(n)))
      return { ok: false, reason: `it wrote the number ${clip(n)}, which is not in the facts` };
  return { ok: true, text };
}

const normal = (n: string) => n.replace(/,/g, "");
const clip = (s: string) => s.replace(/[`\n]/g, "").slice(0, 80);
