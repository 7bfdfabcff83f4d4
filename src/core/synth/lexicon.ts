import { serviceOf } from "../terraform/conventions/services.js";
import { ALIASES, LEGACY } from "./aliases.js";
import { NAMED, singular, type Token } from "./words.js";

/** One way of naming a resource type in words, and how strongly a match on it counts. */
interface Variant {
  type: string;
  words: string[];
  score: number;
  /** The service word that must appear somewhere in the request for this variant to count. */
  needs?: string[];
  /** Words of which one must come right before it ("function alias": aws_lambda_alias). */
  after?: ReadonlySet<string>;
}

export interface TypeMatch {
  type: string;
  /** Token positions it claimed. */
  from: number;
  to: number;
  phrase: string;
}

/** Words that name a service without being part of its type names. */
const SERVICE_WORDS: Record<string, string[]> = {
  rds: ["rds", "postgres", "postgresql", "mysql", "mariadb", "database", "aurora"],
  route53: ["dns", "route53"],
  lb: ["lb"],
  elb: ["lb"],
  cloudwatch: ["cloudwatch", "alarm", "metric"],
  lambda: ["lambda", "function"],
  dynamodb: ["dynamodb", "table"],
  s3: ["s3", "bucket"],
  vpc: ["vpc", "subnet"],
  sfn: ["sfn", "state machine"],
  ecs: ["ecs", "fargate"],
};

/** Single words too common to stand for a resource type on their own ("web servers", "invoke it hourly"). */
export const GENERIC = new Set(
  "object service set name domain type value version policy attachment association rule group key config configuration setting account default main data document permission endpoint option resource target user access alias integration instance cluster table stream function storage server connection credential location image launch certificate provider connect invoke".split(
    " ",
  ),
);

const OPTIONAL_TAIL = new Set(["configuration", "config", "setting", "resource"]);
const indexes = new WeakMap<readonly string[], Map<string, Variant[]>>();
const typeSets = new WeakMap<readonly string[], Set<string>>();
const knownTypes = (types: readonly string[]): Set<string> => {
  let set = typeSets.get(types);
  if (set === undefined) typeSets.set(types, (set = new Set(types)));
  return set;
};

function variantsOf(type: string): Variant[] {
  const words = type.slice(4).split("_").map(singular);
  const out: Variant[] = [{ type, words, score: words.length * 10 + 6 }];
  // "a serverless MSK cluster" is aws_msk_serverless_cluster: a three-word name in another order.
  if (words.length === 3 && !LEGACY.test(type))
    for (const order of [
      [1, 0, 2],
      [0, 2, 1],
      [2, 0, 1],
      [1, 2, 0],
      [2, 1, 0],
    ])
      out.push({ type, words: order.map((k) => words[k] ?? ""), score: words.length * 10 + 5 });
  // "launch" is not aws_launch_configuration, "msk" not aws_msk_configuration: a name cut to one word is
  // the service, not the type.
  if (words.length > 2 && OPTIONAL_TAIL.has(words[words.length - 1] ?? ""))
    out.push({ type, words: words.slice(0, -1), score: (words.length - 1) * 10 + 4 });
  // "target group" for aws_lb_target_group when the request also says "lb"; "log group" needs no service word.
  // `aws_default_vpc` adopts the account's default VPC: only asked for by its full name.
  for (let k = 1; k < words.length && words[0] !== "default"; k++) {
    const rest = words.slice(k);
    const tail = OPTIONAL_TAIL.has(rest[rest.length - 1] ?? "") ? rest.slice(0, -1) : rest;
    if (tail.length === 0) continue;
    if (tail.length === 1 && GENERIC.has(tail[0] ?? "")) continue;
    out.push({
      type,
      words: tail,
      score: tail.length * 10 + 2,
      needs: [words[0] ?? "", ...(SERVICE_WORDS[serviceOf(type)] ?? [])],
    });
  }
  return out;
}

function indexFor(types: readonly string[]): Map<string, Variant[]> {
  let index = indexes.get(types);
  if (index !== undefined) return index;
  index = new Map();
  const add = (v: Variant): void => {
    const first = v.words[0] ?? "";
    const list = index?.get(first) ?? [];
    list.push(v);
    index?.set(first, list);
  };
  const known = new Set(types);
  for (const type of types) if (!LEGACY.test(type)) variantsOf(type).forEach(add);
  // "a Lambda function alias", "a KMS key alias": a common word names its service's type right after the
  // service or another of its types ("function", "key").
  const seconds = new Map<string, Set<string>>();
  for (const type of types) {
    const [service = "", second, ...rest] = type.slice(4).split("_");
    if (second === undefined || rest.length > 0 || LEGACY.test(type)) continue;
    const set = seconds.get(service) ?? new Set([service, ...(SERVICE_WORDS[service] ?? [])]);
    seconds.set(service, set.add(singular(second)));
  }
  for (const type of types) {
    const [service = "", second, ...rest] = type.slice(4).split("_");
    if (second === undefined || rest.length > 0 || !GENERIC.has(singular(second)) || LEGACY.test(type))
      continue;
    add({ type, words: [singular(second)], score: 12, after: seconds.get(service) ?? new Set() });
  }
  for (const [type, phrases] of Object.entries(ALIASES)) {
    if (!known.has(type)) continue;
    for (const phrase of phrases) {
      const words = phrase.split(" ").map(singular);
      add({ type, words, score: words.length * 10 + 3 });
    }
  }
  indexes.set(types, index);
  return index;
}

/**
 * Finds the resource types a request names, longest phrase first, each token claimed once. Ties between
 * types on the same words go to the one whose service the request (or an earlier match) mentions.
 */
export function matchTypes(tokens: readonly Token[], types: readonly string[]): TypeMatch[] {
  const index = indexFor(types);
  const known = knownTypes(types);
  const present = new Set(tokens.map((t) => t.word));
  const candidates: { v: Variant; from: number; to: number; score: number }[] = [];
  tokens.forEach((token, i) => {
    // `aws_iam_role`, or the type's own name without the prefix as people write it ("iam_role", "db_instance").
    const named = token.word.startsWith("aws_")
      ? token.word
      : token.word.startsWith('"aws_')
        ? token.raw
        : token.word.includes("_")
          ? `aws_${token.word}`
          : undefined;
    if (named !== undefined && known.has(named)) {
      candidates.push({
        v: { type: named, words: [token.word], score: 100 },
        from: i,
        to: i + 1,
        score: 100,
      });
      return;
    }
    for (const v of index.get(token.word) ?? []) {
      if (!v.words.every((w, k) => tokens[i + k]?.word === w)) continue;
      if (v.after !== undefined && !v.after.has(tokens[i - 1]?.word ?? "")) continue;
      const outside = (w: string): boolean =>
        tokens.some((t, j) => t.word === w && (j < i || j >= i + v.words.length));
      if (v.needs !== undefined && !v.needs.some(outside)) continue;
      // "the payments team": one word of a type's name before a word that makes it a name.
      if (v.needs !== undefined && v.words.length === 1 && NAMED.has(tokens[i + 1]?.word ?? "")) continue;
      // "Lightsail … database": a type of the service the request names beats another service's alias.
      // Never enough to beat a type's full name on the same words ("IAM role" beside Redshift is aws_iam_role).
      const own = v.needs !== undefined && outside(v.needs[0] ?? "") ? 3 : 0;
      candidates.push({ v, from: i, to: i + v.words.length, score: v.score + own });
    }
  });
  const mentioned = (type: string): number => {
    const service = serviceOf(type);
    const words = type.slice(4).split("_");
    return (present.has(service) ? 2 : 0) + (words.slice(0, -1).some((w) => present.has(w)) ? 1 : 0);
  };
  candidates.sort(
    (a, b) =>
      b.score - a.score ||
      mentioned(b.v.type) - mentioned(a.v.type) ||
      a.v.type.length - b.v.type.length ||
      a.v.type.localeCompare(b.v.type),
  );
  const claimed = new Set<number>();
  const out: TypeMatch[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.from; i < c.to; i++) if (claimed.has(i)) free = false;
    if (!free) continue;
    for (let i = c.from; i < c.to; i++) claimed.add(i);
    out.push({
      type: c.v.type,
      from: c.from,
      to: c.to,
      // A quoted name ("aws_lambda_function") is said without its quote mark.
      phrase: tokens
        .slice(c.from, c.to)
        .map((t) => t.word.replace(/^"/, ""))
        .join(" "),
    });
  }
  out.sort((a, b) => a.from - b.from);
  // "an S3 bucket policy … encode the policy": one word that ends a phrase named earlier means that thing.
  for (const [k, m] of out.entries()) {
    if (m.to - m.from !== 1 || ENGINES.has(m.phrase)) continue;
    const earlier = out.slice(0, k).find((e) => e.to - e.from > 1 && e.phrase.endsWith(` ${m.phrase}`));
    if (earlier !== undefined) out[k] = { ...m, type: earlier.type };
  }
  // "a MySQL database" on Lightsail: an engine word right before another resource describes it.
  return out.flatMap((m, k) => {
    const previous = out[k - 1];
    if (ENGINES.has(m.phrase) && out[k + 1]?.from === m.to) return [];
    if (previous !== undefined && ENGINES.has(previous.phrase) && previous.to === m.from)
      return [{ ...m, from: previous.from, phrase: `${previous.phrase} ${m.phrase}` }];
    return [m];
  });
}

const ENGINES = new Set(["mysql", "postgres", "postgresql", "mariadb"]);
