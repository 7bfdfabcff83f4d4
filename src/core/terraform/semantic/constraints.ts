import type { ArgumentConstraint } from "../schema/constraints.js";
import type { TypeSchema } from "../schema/index.js";
import type { Block } from "../types.js";
import { type SemanticContext, lineOf, report } from "./context.js";
import { type Knowledge, singleBlocks, valueAt } from "./known.js";

const SET = new Set<Knowledge>(["known", "partial"]);
// A nested rule applies when the block holding its argument is there, written once (the SDK's paths
// address the first element only, and terraform may order a set's elements differently).

/**
 * The provider's cross-argument rules (ConflictsWith, ExactlyOneOf, AtLeastOneOf, RequiredWith), judged
 * the way the provider judges them during `terraform validate`: a null is unset, and a value unknown at
 * that point (a variable, a reference, a conditional that may be null) neither conflicts nor fills a
 * one-of. Where only such a value stands in the way, a conflict is a warning (it fails at plan if both
 * turn out non-null); a one-of with an unknown member is not reported missing.
 */
export function checkArgumentConstraints(
  ctx: SemanticContext,
  file: string,
  content: string,
  line: number | null,
  body: Block,
  schema: TypeSchema,
  where: string,
): void {
  const constraints = schema.constraints;
  if (constraints === undefined || constraints.length === 0) return;
  const reported = new Set<string>();
  const at = (path: readonly string[]): Knowledge => valueAt(ctx.module, body, path);
  const lineFor = (path: readonly string[]): number | null =>
    path.reduce<number | null>((from, name) => lineOf(content, name, from), line);
  const name = (path: readonly string[]): string => path.join(".");
  // Conflicts come first (constraintsForType orders them): an exactly-one-of whose members were already
  // reported as a conflicting pair is not reported again.
  for (const c of constraints) {
    if (!singleBlocks(body, c.path.slice(0, -1))) continue;
    if (c.kind === "conflicts") {
      const own = at(c.path);
      if (own === "absent") continue;
      for (const other of c.others) {
        const theirs = at(other);
        if (theirs === "absent") continue;
        const pair = [name(c.path), name(other)].sort().join("|");
        if (reported.has(pair)) continue;
        // The SDK checks only a wholly known value against the others, and skips unknown others.
        const definite = own === "known" && SET.has(theirs);
        const sure = definite || (theirs === "known" && SET.has(own) && conflictsBack(schema, other, c.path));
        reported.add(pair);
        const [first, second] = [c.path, other].sort((a, b) => (lineFor(a) ?? 0) - (lineFor(b) ?? 0));
        const later = second as readonly string[];
        const message = sure
          ? `${where}: "${name(c.path)}" conflicts with "${name(other)}": set only one of them`
          : `${where}: "${name(c.path)}" conflicts with "${name(other)}"; one of them is not known until plan (a variable, reference or conditional) — terraform will refuse the configuration if both are non-null`;
        report(
          ctx,
          file,
          lineFor(later),
          "conflicting_arguments",
          message,
          `remove "${name(later)}" (or "${name(first as readonly string[])}")`,
          sure ? "error" : "warning",
        );
      }
    } else if (c.kind === "required_with") {
      if (at(c.path) === "absent") continue;
      const missing = c.others.filter((o) => at(o) === "absent");
      if (missing.length === 0) continue;
      const all = [c.path, ...c.others].map(name);
      const message = `${where}: "${name(c.path)}" requires ${missing.map((m) => `"${name(m)}"`).join(", ")} to be set too (all of ${all.join(", ")} go together)`;
      report(
        ctx,
        file,
        lineFor(c.path),
        "required_with",
        message,
        `${name(missing[0] as readonly string[])} = ...`,
      );
    } else checkOneOf(ctx, c, at, reported, { file, where, line: () => lineFor(c.path.slice(0, -1)) });
  }
}

/** The other argument declares the conflict too, so its own known value is checked against ours. */
function conflictsBack(schema: TypeSchema, from: readonly string[], to: readonly string[]): boolean {
  const same = (a: readonly string[], b: readonly string[]): boolean => a.join(".") === b.join(".");
  return (schema.constraints ?? []).some(
    (c) => c.kind === "conflicts" && same(c.path, from) && c.others.some((o) => same(o, to)),
  );
}

function checkOneOf(
  ctx: SemanticContext,
  c: ArgumentConstraint,
  at: (path: readonly string[]) => Knowledge,
  reported: Set<string>,
  place: { file: string; where: string; line: () => number | null },
): void {
  const members = [c.path, ...c.others];
  const states = members.map(at);
  // The SDK counts only wholly known members as set; one with unknown parts may still fill the rule.
  const set = members.filter((_, i) => states[i] === "known").map((m) => m.join("."));
  const pending = states.some((s) => s === "unknown" || s === "partial");
  const list = members.map((m) => `"${m.join(".")}"`).join(", ");
  if (set.length === 0 && !pending) {
    const exactly = c.kind === "exactly_one_of" ? "exactly" : "at least";
    const message = `${place.where}: ${exactly} one of ${list} must be set`;
    report(ctx, place.file, place.line(), "missing_one_of", message, `${members[0]?.join(".")} = ...`);
  } else if (c.kind === "exactly_one_of" && set.length > 1) {
    const pairs = set.flatMap((a, i) => set.slice(i + 1).map((b) => [a, b].sort().join("|")));
    if (pairs.some((p) => reported.has(p))) return;
    for (const p of pairs) reported.add(p);
    const message = `${place.where}: only one of ${list} may be set, but ${set.map((s) => `"${s}"`).join(" and ")} are`;
    report(
      ctx,
      place.file,
      place.line(),
      "conflicting_arguments",
      message,
      `remove "${set[set.length - 1]}"`,
    );
  }
}
