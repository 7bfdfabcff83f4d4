// A short name means the type that fits the other resources the request names: "a custom parameter group"
// beside a Neptune cluster is the cluster's parameter group, beside a DB instance the instance's; "an
// instance in that cluster" is the cluster's instance. The schema says which types fit: the reference
// arguments of the named types, and types whose name extends a named type's.
import type { AwsProviderSchema } from "../terraform/schema/index.js";
import { GENERIC, type TypeMatch } from "./lexicon.js";
import { relationOf } from "./relations.js";
import type { Token } from "./words.js";

/** How far (in words) "in that cluster" may be from "an instance" for the instance to be the cluster's. */
const NEAR = 4;

const distance = (a: TypeMatch, b: TypeMatch): number => Math.abs(a.from - b.from);

/** The type the nearest other match refers to by an argument, when that type's name ends in `tail`. */
function referencedWithTail(
  match: TypeMatch,
  tail: string,
  others: readonly TypeMatch[],
  schema: AwsProviderSchema,
): string | undefined {
  // "a cluster with a parameter group": the thing named before the phrase owns it, nearest first.
  const before = others.filter((m) => m.from < match.from).sort((a, b) => b.from - a.from);
  const after = others.filter((m) => m.from > match.from).sort((a, b) => a.from - b.from);
  for (const other of [...before, ...after]) {
    const spec = schema.resource(other.type);
    if (spec === undefined) continue;
    for (const [arg, attribute] of spec.attributes) {
      const relation = relationOf(other.type, arg, attribute, schema);
      if (relation !== null && relation.target.endsWith(`_${tail}`)) return relation.target;
    }
  }
  return undefined;
}

/** "an instance in that cluster": the named type whose last word is near and that has a type of this word. */
function ownerOf(
  match: TypeMatch,
  word: string,
  others: readonly TypeMatch[],
  tokens: readonly Token[],
  schema: AwsProviderSchema,
): string | undefined {
  const around = tokens.slice(Math.max(0, match.from - NEAR), match.to + NEAR).map((t) => t.word);
  return others
    .filter((m) => schema.resource(`${m.type}_${word}`) !== undefined)
    .filter((m) => distance(m, match) <= NEAR || around.includes(m.type.split("_").pop() ?? ""))
    .sort((a, b) => distance(a, match) - distance(b, match))
    .map((m) => `${m.type}_${word}`)[0];
}

/**
 * "a Lightsail distribution with an instance as its origin": a generic word is the type of that name in
 * the service the request works in (aws_lightsail_instance), when that service has one.
 */
function ofService(
  match: TypeMatch,
  others: readonly TypeMatch[],
  schema: AwsProviderSchema,
): string | undefined {
  for (const other of others) {
    const service = other.type.split("_")[1] ?? "";
    const candidate = `aws_${service}_${match.phrase}`;
    if (candidate !== match.type && schema.resource(candidate) !== undefined) return candidate;
  }
  return undefined;
}

/** Each match, moved to the type its neighbours in the request call for when its words name only part of it. */
export function retarget(
  matches: readonly TypeMatch[],
  tokens: readonly Token[],
  schema: AwsProviderSchema,
): TypeMatch[] {
  const others = (list: readonly TypeMatch[], match: TypeMatch): TypeMatch[] =>
    list.filter((m) => m !== match && m.type !== match.type);
  // Generic words first ("instance"), so that a phrase after them ("its own parameter group") sees what
  // they became.
  const first: TypeMatch[] = [];
  for (const match of matches) {
    if (match.phrase.includes(" ") || !GENERIC.has(match.phrase)) {
      first.push(match);
      continue;
    }
    // "… an instance in that cluster … connections to the instance": the same word means the same thing.
    const earlier = first.find((m) => m.phrase === match.phrase && m.type !== match.type);
    const rest = others(matches, match);
    const owner =
      earlier?.type ?? ownerOf(match, match.phrase, rest, tokens, schema) ?? ofService(match, rest, schema);
    first.push(owner === undefined ? match : { ...match, type: owner });
  }
  return first.map((match) => {
    const tail = match.phrase.split(" ").join("_");
    // Written out in full ("aws_rds_cluster_parameter_group", "db parameter group"): meant as it is.
    if (!match.phrase.includes(" ") || match.phrase.startsWith("aws_") || match.type === `aws_${tail}`)
      return match;
    const target = referencedWithTail(match, tail, others(first, match), schema);
    return target === undefined ? match : { ...match, type: target };
  });
}
