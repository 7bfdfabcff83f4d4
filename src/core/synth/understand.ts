import { matchTypes, type TypeMatch } from "./lexicon.js";
import { retarget } from "./retarget.js";
import { addAssociations, addTrafficRules, type LinkEnv, type Mention } from "./links.js";
import { refOf } from "./node.js";
import { addTriggers, eventTrigger } from "./triggers.js";
import { TARGETS } from "./targets.js";
import { addNotifications } from "./notify.js";
import { MAX_NODES, type BuildState } from "./state.js";
import { nameAfter } from "./words.js";
import type { Node } from "./node.js";

/** Words that turn a service off ("disable streaming to Kinesis", "without a NAT gateway"). Not "no": "no
 *  public access" asks for a public access block. */
const TURNED_OFF = new Set(["without", "disable", "disabled", "disabling", "never", "skip", "don't", "not"]);

/** The type is named only to be turned off: a negating word shortly before it, in the same clause. */
function refused(state: BuildState, match: TypeMatch): boolean {
  const { tokens, request } = state;
  const start = tokens[match.from]?.at ?? 0;
  for (let k = match.from - 1; k >= Math.max(0, match.from - 3); k--) {
    const token = tokens[k];
    if (token === undefined || /[,.;:]/.test(request.slice(token.at, start))) return false;
    if (TURNED_OFF.has(token.word)) return true;
  }
  return false;
}

/**
 * "a Postgres instance with engine version 15", "a VPC with a CIDR block": a short name that is an argument
 * of another type the request names (`engine_version` of aws_db_instance) sets that argument; and one word
 * cut from a long type name ("cidr" of aws_vpc_ipam_pool_cidr) that is part of such an argument's name
 * (`cidr_block`) describes that argument. Neither is a resource of its own; a full type name always is.
 */
function isArgumentOfAnother(state: BuildState, match: TypeMatch, all: readonly TypeMatch[]): boolean {
  const words = match.phrase.split(" ");
  const argument = words.join("_");
  if (match.type === `aws_${argument}` || match.phrase.startsWith("aws_")) return false;
  const longName = match.type.split("_").length > 4;
  if (words.length < 2 && !longName) return false;
  return all.some((other) => {
    if (other === match || other.type === match.type) return false;
    const spec = state.ctx.schema.resource(other.type);
    if (spec === undefined) return false;
    if (words.length > 1) return spec.attributes.has(argument) || spec.blocks.has(argument);
    const names = [
      ...[...spec.attributes.values()].filter((a) => !a.deprecated).map((a) => a.name),
      ...[...spec.blocks.values()].filter((b) => !b.deprecated).map((b) => b.name),
    ];
    return names.some((n) => n.split("_").includes(argument));
  });
}

const PLURAL_COUNT: Record<string, number> = { two: 2, "2": 2, three: 3, "3": 3, multiple: 2, several: 2 };

/**
 * Phase 1, understand: what the request names — new resources, or ones the repo has ("the existing
 * bucket", "the artifacts bucket") — then the traffic rules it states and the joins it asks for.
 */
export function understand(state: BuildState): void {
  const { tokens, existing, nodes, reused, understood, missing, claimed, taken } = state;
  const mentions: Mention[] = [];
  const matches = retarget(matchTypes(tokens, state.ctx.schema.resourceTypes()), tokens, state.ctx.schema);
  // "Trigger the function whenever an EC2 image is created": the image is the event, not a resource.
  const event = eventTrigger(tokens);
  const runs = matches.some((m) => TARGETS.test(m.type));
  for (const match of matches) {
    for (let i = match.from; i < match.to; i++) claimed.add(i);
    if (runs && event?.consumes === true && match.from >= event.from && match.to <= event.to) {
      understood.push({ phrase: match.phrase, meaning: `the event "${event.phrase}"` });
      continue;
    }
    // Words that describe another resource's argument are understood: they are not a part left out.
    if (isArgumentOfAnother(state, match, matches)) continue;
    if (refused(state, match)) {
      understood.push({
        phrase: match.phrase,
        meaning: `not wanted (the request turns it off): ${match.type}`,
      });
      continue;
    }
    const context = tokens.slice(Math.max(0, match.from - 3), match.from).flatMap((t) => [t.word, t.raw]);
    const named = existing.find((r) => r.type === match.type && context.includes(r.name.toLowerCase()));
    const wantsExisting = context.includes("existing") || context.includes("current") || named !== undefined;
    const found = wantsExisting
      ? named
        ? `${match.type}.${named.name}`
        : state.inRepo(match.type)
      : undefined;
    if (found !== undefined) {
      if (!reused.some((r) => `${r.type}.${r.name}` === found))
        reused.push({
          type: match.type,
          name: found.slice(match.type.length + 1),
          why: `the request names it ("${match.phrase}")`,
        });
      understood.push({ phrase: match.phrase, meaning: `the existing ${found}` });
      mentions.push({ at: match.from, to: match.to, type: match.type, refs: [found] });
      continue;
    }
    if (wantsExisting) {
      missing.push(`the existing ${match.phrase} (the repository declares no ${match.type})`);
      continue;
    }
    const raw = tokens[match.to - 1]?.raw ?? "";
    const countWord = tokens[match.from - 1]?.word ?? "";
    const count =
      PLURAL_COUNT[countWord] ??
      (raw.endsWith("s") &&
      !raw.endsWith("ss") &&
      /(?:subnet|disk|instance|record|bucket|queue|topic|table|zone|user|rule)s$/.test(raw)
        ? 2
        : 1);
    const explicit = nameAfter(tokens, match.to);
    const same = nodes.filter((n) => n.type === match.type && n.origin === "requested");
    // "DNS … Route 53 … the zone" is one zone: a type named again adds nothing unless it gets a new name.
    if (
      same.length > 0 &&
      (explicit === undefined || same.some((n) => n.name === explicit || n.name === "main"))
    ) {
      const unnamed = same.find((n) => n.name === "main");
      if (unnamed !== undefined && explicit !== undefined && !taken.has(`${match.type}.${explicit}`)) {
        taken.delete(`${match.type}.main`);
        unnamed.name = state.freshName(match.type, explicit);
      }
      understood.push({ phrase: match.phrase, meaning: match.type });
      mentions.push({ at: match.from, to: match.to, type: match.type, refs: same.map(refOf), nodes: same });
      continue;
    }
    const name = explicit ?? "main";
    const added: Node[] = [];
    for (let k = 0; k < Math.min(count, 3); k++) {
      if (nodes.length >= MAX_NODES) break;
      added.push(
        state.addNode(
          match.type,
          "requested",
          `asked for: "${match.phrase}"`,
          match.from,
          k === 0 ? name : `${name}_${k + 1}`,
        ),
      );
    }
    mentions.push({ at: match.from, to: match.to, type: match.type, refs: added.map(refOf), nodes: added });
    understood.push({ phrase: match.phrase, meaning: count > 1 ? `${count} × ${match.type}` : match.type });
  }

  // Rules the request states for traffic, and the joins it asks for ("associate … with …").
  const linkEnv: LinkEnv = {
    nodes,
    schema: state.ctx.schema,
    hasType: (type) => state.ctx.schema.resource(type) !== undefined,
    add: (type, why, at, name = "main") => state.addNode(type, "requested", why, at, name),
    find: (type) => state.find(type),
    variable: (wanted, type, description) => {
      const name = state.uniqueVariable(wanted);
      state.variables.push({ name, type, description, sensitive: false });
      return `var.${name}`;
    },
  };
  missing.push(...addTrafficRules(linkEnv, state.request));
  addAssociations(linkEnv, state.request, tokens, mentions);
  addNotifications(linkEnv, state.request, tokens, mentions);
  addTriggers(
    { ...linkEnv, understood: (phrase, meaning) => understood.push({ phrase, meaning }) },
    state.request,
    tokens,
    event,
  );
}
