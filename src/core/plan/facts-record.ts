import { z } from "zod";
import type { ChangeKind, PlanSummary } from "./types.js";
import { hiddenRecord } from "../text/hidden-record.js";

/**
 * What a plan found, as a hidden line in the Action's plan comment, so the app (`/agent explain`) can take
 * terraform's counts and ranked risks as they are instead of re-reading the visible Markdown. Bounded: the
 * comment's budget leaves a few kilobytes, so per-type counts and risks are capped and the rest is counted.
 */
const Count = z.number().int().min(0);
const Types = z.record(z.string().max(120), Count);

export const PlanFactsSchema = z
  .object({
    v: z.literal(1),
    root: z.string().min(1).max(200),
    sha: z.string().regex(/^[0-9a-f]{40}$/, "a 40-character commit SHA"),
    counts: z.object({
      create: Count,
      update: Count,
      delete: Count,
      replace: Count,
      move: Count,
      import: Count,
    }),
    /** Resource types per change kind, the most numerous first (at most `MAX_TYPES` each). */
    types: z.object({ create: Types, update: Types, delete: Types, replace: Types }),
    /** Critical and high risks, most severe first (at most `MAX_RISKS`); `moreRisks` counts the rest. */
    risks: z
      .array(
        z.object({
          severity: z.enum(["critical", "high"]),
          kind: z.string().max(40),
          address: z.string().max(300),
          reason: z.string().max(300),
        }),
      )
      .max(50),
    moreRisks: Count,
  })
  .strict();

export type PlanFacts = z.infer<typeof PlanFactsSchema>;

const FACTS = hiddenRecord("plan-facts", PlanFactsSchema);
type Grouped = "create" | "update" | "delete" | "replace";

const MAX_TYPES = 12;
const MAX_RISKS = 12;
const MAX_REASON = 240;

/** The facts of one root's plan of commit `sha`. */
export function planFactsOf(summary: PlanSummary, where: { root: string; sha: string }): PlanFacts {
  const types: Record<Grouped, Record<string, number>> = { create: {}, update: {}, delete: {}, replace: {} };
  for (const r of summary.resources) {
    if (!isGrouped(r.kind)) continue;
    const byType = types[r.kind];
    byType[r.type] = (byType[r.type] ?? 0) + 1;
  }
  const top = (byType: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(byType)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, MAX_TYPES)
        .map(([type, n]) => [type.slice(0, 120), n]),
    );
  const serious = summary.risks.filter((r) => r.severity !== "info");
  const { create, update, replace, move, import: imported } = summary.counts;
  return {
    v: 1,
    root: where.root === "" ? "." : where.root.slice(0, 200),
    sha: where.sha,
    counts: { create, update, delete: summary.counts.delete, replace, move, import: imported },
    types: {
      create: top(types.create),
      update: top(types.update),
      delete: top(types.delete),
      replace: top(types.replace),
    },
    risks: serious.slice(0, MAX_RISKS).map((r) => ({
      severity: r.severity === "critical" ? "critical" : "high",
      kind: r.kind,
      address: r.address.slice(0, 300),
      reason: r.reason.slice(0, MAX_REASON),
    })),
    moreRisks: Math.max(0, serious.length - MAX_RISKS),
  };
}

function isGrouped(kind: ChangeKind): kind is Grouped {
  return kind === "create" || kind === "update" || kind === "delete" || kind === "replace";
}

/** The hidden line (core/text/hidden-record: escaped so no value can end the comment early). */
export function renderPlanFacts(facts: PlanFacts): string {
  return FACTS.render(facts);
}

/** The facts in a comment body, or null when it has none or a malformed one. */
export function readPlanFacts(body: string): PlanFacts | null {
  return FACTS.read(body);
}
