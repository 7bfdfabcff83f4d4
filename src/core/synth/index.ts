import { redact } from "../redact/index.js";
import { bodyOf, fileFor } from "./render.js";
import { build } from "./build.js";
import { refusalsFor } from "./refuse.js";
import type { ChangePlan, SynthContext } from "./types.js";
import { tokenize } from "./words.js";
import { uncoveredTokens } from "./leftover.js";
import { unlinked } from "./unlinked.js";
import { useLocalModules } from "./reuse.js";

export type {
  ChangePlan,
  LocalModule,
  PlannedModule,
  PlannedResource,
  PlannedVariable,
  Refusal,
  SynthContext,
  SynthHints,
} from "./types.js";
export { renderPlan } from "./render.js";
export { describePlan, planIsComplete } from "./describe.js";
export { loadSynthHints } from "./hints.js";
export { uncoveredPhrases } from "./leftover.js";
export { refusalsBeyondTerraform, refusalsFor } from "./refuse.js";

const OPTIONAL = /\b(?:optionally|optional(?:ly)?|if possible|nice to have|maybe also)\b/i;

/**
 * Request → the plan of the change: resource types from the request's words across the whole provider,
 * arguments from its attributes, references wired to the repo's resources or new ones, secure defaults,
 * variables for what nobody said. Pure: nothing is written; `renderPlan` turns it into files.
 */
export function planChange(request: string, ctx: SynthContext): ChangePlan {
  const tokens = tokenize(request);
  const built = build(request, tokens, ctx);
  const marker = OPTIONAL.exec(request);
  const isOptional = (at: number): boolean =>
    marker !== null && at > marker.index && !request.slice(marker.index, at).includes(".");
  // A word the change itself spells out is covered ("internet access" with an internet gateway planned,
  // "egress" with egress rules): only infrastructure the plan does not name is reported.
  const covered = new Set(
    built.nodes.flatMap((n) => [
      ...n.type.split("_").slice(1),
      // Nested blocks it writes (`egress { }` of a network ACL), not every argument name.
      ...[...n.set.keys()].flatMap((path) => path.split(".").slice(0, -1)),
    ]),
  );
  const asked = [
    ...built.nodes.filter((n) => n.origin === "requested").map((n) => n.type),
    ...built.reused.map((r) => r.type),
  ];
  const planned = [...asked, ...built.nodes.map((n) => n.type)];
  const leftover = uncoveredTokens(tokens, built.claimed, { asked, planned, covered }, ctx.schema).flatMap(
    (i) => {
      const t = tokens[i];
      return t === undefined ? [] : [{ t, i }];
    },
  );
  // `aws_quantum_computer`: a type the provider does not have is said, never dropped.
  const known = new Set(ctx.schema.resourceTypes());
  const unknownTypes = tokens
    .filter((t, i) => !built.claimed.has(i) && /^aws_[a-z0-9_]+$/.test(t.word) && !known.has(t.raw))
    .filter((t) => ctx.schema.dataSource(t.raw) === undefined)
    .map((t) => `${t.raw} (not a resource type of the AWS provider)`);
  const notUnderstood = [
    ...built.missing,
    ...unlinked(tokens, built.nodes),
    ...new Set(unknownTypes),
    ...new Set(leftover.filter(({ t }) => !isOptional(t.at)).map(({ t }) => t.word)),
  ].map((w) => redact(w));
  const optional = [...new Set(leftover.filter(({ t }) => isOptional(t.at)).map(({ t }) => redact(t.word)))];
  const { nodes, modules, variables } = useLocalModules(built, ctx.modules ?? []);
  return {
    request,
    understood: built.understood,
    modules,
    create: nodes.map((n) => ({
      type: n.type,
      name: n.name,
      origin: n.origin,
      why: n.why,
      body: bodyOf(n.set),
      file: fileFor(n.type, ctx.repo),
      notes: n.notes,
    })),
    reuse: built.reused,
    variables,
    notUnderstood,
    optional,
    refusals: refusalsFor(request),
    data: built.data,
  };
}
