import type { FeedbackEvent } from "./types.js";

/** What people call each kind of the agent's comments, by its hidden marker kind. */
const LABELS: Record<string, string> = {
  diagnosis: "diagnoses",
  plan: "plan summaries",
  pr: "pull request bodies",
  "lessons-pr": "lessons pull request",
  review: "review summaries",
  explain: "answers to `/agent explain`",
  change: "answers to change requests",
  fix: "answers to `/agent fix`",
  apply: "apply status",
  "plan-request": "answers to `/agent plan`",
  feedback: "answers to `/agent feedback`",
  lessons: "`/agent lessons` lists",
  forget: "answers to `/agent forget`",
  stats: "`/agent stats` reports",
  help: "`/agent help`",
};

/**
 * The agent's comments people react to: answers, reports and summaries. Progress and error notes are left
 * out (a reaction there says nothing about the work).
 */
export const REACTABLE_KINDS: ReadonlySet<string> = new Set(Object.keys(LABELS));

export interface ReactionCount {
  about: string;
  label: string;
  up: number;
  down: number;
}

/** 👍/👎 per kind of comment, most reacted first; each person's reaction counted once per comment. */
export function reactionsByKind(events: readonly FeedbackEvent[]): ReactionCount[] {
  const seen = new Set<string>();
  const counts = new Map<string, ReactionCount>();
  for (const e of events) {
    if (e.kind !== "reaction" || seen.has(e.key)) continue;
    seen.add(e.key);
    const row = counts.get(e.about) ?? {
      about: e.about,
      label: LABELS[e.about] ?? "other comments",
      up: 0,
      down: 0,
    };
    if (e.content === "+1") row.up += 1;
    else row.down += 1;
    counts.set(e.about, row);
  }
  return [...counts.values()].sort(
    (a, b) => b.up + b.down - (a.up + a.down) || a.about.localeCompare(b.about),
  );
}

/**
 * Reactions as what they are: a verdict on a kind of comment (a 👎 on a plan summary is about how the plan
 * was shown, not about the Terraform). They become no lesson of their own.
 */
export function renderReactions(rows: readonly ReactionCount[]): string[] {
  if (rows.length === 0) return [];
  return [
    "| the agent's comments | 👍 | 👎 |",
    "| --- | --- | --- |",
    ...rows.map((r) => `| ${r.label} | ${r.up} | ${r.down} |`),
  ];
}
