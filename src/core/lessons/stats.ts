import { reactionsByKind, renderReactions, type ReactionCount } from "./reactions.js";
import type { FeedbackEvent } from "./types.js";

type Outcome = Extract<FeedbackEvent, { kind: "pr-outcome" }>;

export interface AcceptancePeriod {
  /** `YYYY-MM` (UTC). */
  month: string;
  mergedAsIs: number;
  mergedAfterEdits: number;
  closed: number;
}

export interface Acceptance {
  periods: AcceptancePeriod[];
  /** Lesson id → merged pull requests it was applied to. */
  lessonsOnMerged: Record<string, number>;
  corrections: number;
  feedback: number;
  reviews: { changesRequested: number; comments: number };
  reactions: { up: number; down: number; byKind: ReactionCount[] };
}

/** Acceptance over time from recorded outcomes: one row per month, newest last; the last outcome per PR counts. */
export function acceptance(events: readonly FeedbackEvent[]): Acceptance {
  const outcomes = new Map<number, Outcome>();
  for (const e of events) if (e.kind === "pr-outcome") outcomes.set(e.pr, e);
  const periods = new Map<string, AcceptancePeriod>();
  const lessonsOnMerged: Record<string, number> = {};
  for (const o of [...outcomes.values()].sort((a, b) => a.at - b.at)) {
    const month = new Date(o.at).toISOString().slice(0, 7);
    const row = periods.get(month) ?? { month, mergedAsIs: 0, mergedAfterEdits: 0, closed: 0 };
    if (!o.merged) row.closed += 1;
    else if (o.humanCommits > 0) row.mergedAfterEdits += 1;
    else row.mergedAsIs += 1;
    periods.set(month, row);
    if (o.merged) for (const id of o.lessonsApplied) lessonsOnMerged[id] = (lessonsOnMerged[id] ?? 0) + 1;
  }
  const count = (test: (e: FeedbackEvent) => boolean) => events.filter(test).length;
  return {
    periods: [...periods.values()].sort((a, b) => a.month.localeCompare(b.month)),
    lessonsOnMerged,
    corrections: new Set(events.flatMap((e) => (e.kind === "correction" ? [e.pr] : []))).size,
    feedback: count((e) => e.kind === "feedback"),
    reviews: {
      changesRequested: count((e) => e.kind === "review" && e.state === "changes_requested"),
      comments: count((e) => e.kind === "review" && e.state !== "changes_requested"),
    },
    reactions: (() => {
      const byKind = reactionsByKind(events);
      return {
        up: byKind.reduce((n, r) => n + r.up, 0),
        down: byKind.reduce((n, r) => n + r.down, 0),
        byKind,
      };
    })(),
  };
}

export function renderAcceptance(a: Acceptance): string {
  if (a.periods.length === 0 && a.feedback === 0 && a.reactions.byKind.length === 0) return "";
  const rows = a.periods.map((p) => `| ${p.month} | ${p.mergedAsIs} | ${p.mergedAfterEdits} | ${p.closed} |`);
  const lessons = Object.entries(a.lessonsOnMerged)
    .sort(([x, m], [y, n]) => n - m || x.localeCompare(y))
    .map(([id, n]) => `- \`${id}\`: applied to ${n} merged pull request${n === 1 ? "" : "s"}`);
  return [
    "#### Over time (recorded feedback)",
    "",
    "| month | merged as-is | merged after human edits | closed |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    `Corrected pull requests: ${a.corrections}. \`/agent feedback\`: ${a.feedback}. Reviews: ${a.reviews.changesRequested} asked for changes, ${a.reviews.comments} comments. Reactions on the agent's comments: 👍 ${a.reactions.up}, 👎 ${a.reactions.down}.`,
    ...(a.reactions.byKind.length
      ? ["", "**Reactions by kind of comment**", "", ...renderReactions(a.reactions.byKind)]
      : []),
    ...(lessons.length ? ["", "**Lessons applied to merged pull requests**", "", ...lessons] : []),
  ].join("\n");
}
