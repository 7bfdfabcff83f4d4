// The judging half of eval:plans: what ask would do with each request, from the plans alone.
import type { ChangePlan } from "../../src/core/synth/index.js";
import type { RecipePlan } from "../../src/core/recipes/index.js";
import { offlineChoice, recipesCover, recipesLeaveOut } from "../../src/agent/synth.js";
import type { AwsProviderSchema } from "../../src/core/terraform/schema/index.js";
import type { EvalRow } from "./ask-run.js";

export interface PlanOutcome {
  id: string;
  difficulty: number;
  path: "recipes" | "generic";
  /** ask would write files and exit 0 (before validation). */
  commits: boolean;
  /** Why it would not, in ask's words. */
  blocked: string | null;
  types: string[];
  /** Expected types the plan lacks. */
  missing: string[];
  /** Types the plan adds that the reference does not have (companions, defaults, or mistakes). */
  extra: string[];
}

export function planOutcome(
  row: EvalRow,
  recipes: RecipePlan,
  candidate: ChangePlan | null,
  synthBlocked: string | null,
  schema: AwsProviderSchema,
): PlanOutcome {
  const synth = offlineChoice(recipes, candidate, schema, row.prompt);
  const types =
    synth !== null
      ? // A call of a local module adds the type it wraps (the demo's ./modules/log-group).
        [...synth.create.map((c) => c.type), ...synth.modules.map((m) => m.wraps)]
      : recipes.resources.map((r) => r.type.replace(/^data\./, ""));
  const blocked =
    synth !== null
      ? synthBlocked
      : recipes.files.length === 0
        ? "the recipes have nothing to build"
        : recipesCover(recipes, schema, row.prompt)
          ? null
          : `part of the request is not covered offline: ${recipesLeaveOut(recipes, schema, row.prompt).join(", ")}`;
  const unique = [...new Set(types)].sort();
  return {
    id: row.id,
    difficulty: row.difficulty,
    path: synth !== null ? "generic" : "recipes",
    commits: blocked === null,
    blocked,
    types: unique,
    missing: row.expected_resources.filter((t) => !unique.includes(t)),
    extra: unique.filter((t) => !row.expected_resources.includes(t)),
  };
}

const pct = (a: number, b: number): string => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)} %`);

/** The table, the most frequent extra and missing types, and (with `list`) the requests of one kind. */
export function summarizePlans(
  outcomes: PlanOutcome[],
  list: string | null,
  prompts: ReadonlyMap<string, string>,
): string {
  const groups: [string, (d: number) => boolean][] = [
    ["difficulty 1-2", (d) => d <= 2],
    ["difficulty 3-6", (d) => d >= 3],
    ["all", () => true],
  ];
  const lines = [
    "| group | n | commits | commits, nothing missing | commits, something missing | refuses |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const [label, keep] of groups) {
    const g = outcomes.filter((o) => keep(o.difficulty));
    const committed = g.filter((o) => o.commits);
    const whole = committed.filter((o) => o.missing.length === 0).length;
    lines.push(
      `| ${label} | ${g.length} | ${committed.length} | ${whole} (${pct(whole, g.length)}) | ${committed.length - whole} | ${g.length - committed.length} |`,
    );
  }
  const top = (pick: (o: PlanOutcome) => string[], among: PlanOutcome[]): string =>
    [
      ...among
        .flatMap(pick)
        .reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>())
        .entries(),
    ]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ");
  const committed = outcomes.filter((o) => o.commits);
  lines.push("", `missing in committed plans: ${top((o) => o.missing, committed)}`);
  lines.push(`extra in committed plans: ${top((o) => o.extra, committed)}`);
  const kinds: Record<string, (o: PlanOutcome) => boolean> = {
    "committed-missing": (o) => o.commits && o.missing.length > 0,
    refused: (o) => !o.commits,
    extra: (o) => o.commits && o.extra.length > 0,
  };
  const pick = list === null ? undefined : kinds[list];
  if (pick !== undefined)
    for (const o of outcomes.filter(pick)) {
      lines.push("", `${o.id} (d${o.difficulty}, ${o.path}) ${(prompts.get(o.id) ?? "").slice(0, 300)}`);
      lines.push(`  types: ${o.types.join(" ")}`);
      if (o.missing.length > 0) lines.push(`  missing: ${o.missing.join(" ")}`);
      if (o.extra.length > 0) lines.push(`  extra: ${o.extra.join(" ")}`);
      if (o.blocked !== null) lines.push(`  blocked: ${o.blocked}`);
    }
  return lines.join("\n");
}
