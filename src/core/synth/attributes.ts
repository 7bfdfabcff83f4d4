import { bool, num, str, type Value } from "../recipes/hcl/writer.js";
import type { TypeSchema } from "../terraform/schema/index.js";
import { NEGATION, singular, type Token } from "./words.js";

/** An argument the request sets, found by its words (`point in time recovery`) or a phrase pattern (`3 nodes`). */
export interface AttributeHit {
  /** `multi_az`, or `point_in_time_recovery.enabled` inside a block. */
  path: string;
  value: Value;
  /** Token position, to give the hit to the nearest resource; -1 for whole-request patterns. */
  at: number;
  phrase: string;
  /** Token positions consumed. */
  tokens: number[];
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const asNumber = (word: string): number | undefined => {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
};

/** The value written right after an argument's words: a number, a quoted string, or on/off. */
function valueAfter(
  tokens: readonly Token[],
  end: number,
  kind: string,
): { value: Value; used: number[] } | undefined {
  for (let i = end; i < Math.min(tokens.length, end + 4); i++) {
    const word = tokens[i]?.word ?? "";
    if (kind === "number") {
      const n = asNumber(word.replace(/(?:gb|gib|mb|s)$/, ""));
      if (n !== undefined) return { value: num(n), used: [i] };
    } else if (kind === "string" && word.startsWith('"')) {
      return { value: str(tokens[i]?.original ?? word.slice(1)), used: [i] };
    } else if (kind === "string" && /^\d+(?:\.\d+)*$/.test(word) && tokens[end - 1]?.word === "version") {
      return { value: str(word), used: [i] };
    }
  }
  return undefined;
}

/**
 * A value written just before an argument's words: `'PAY_PER_REQUEST' billing mode`, `PROVISIONED billing
 * mode`. Only a quoted string or a constant-like word (`PAY_PER_REQUEST`) counts, in the request's own case.
 */
function valueBefore(
  tokens: readonly Token[],
  at: number,
  request: string,
): { value: Value; used: number[] } | undefined {
  const token = tokens[at - 1];
  if (token === undefined) return undefined;
  const word = token.word.startsWith('"') ? token.word.slice(1) : token.word;
  const original =
    request.match(new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i"))?.[0] ?? word;
  const constant = /^[a-z0-9]+(?:_[a-z0-9]+)+$/.test(word) || /^[A-Z][A-Z_]{3,}$/.test(original);
  if (!token.word.startsWith('"') && !constant) return undefined;
  return { value: str(original), used: [at - 1] };
}

const argWords = (name: string): string[] => name.split("_").map(singular);

function findWords(
  tokens: readonly Token[],
  words: readonly string[],
  claimed: ReadonlySet<number>,
): number[] {
  const out: number[] = [];
  for (let i = 0; i + words.length <= tokens.length; i++) {
    if (words.every((w, k) => tokens[i + k]?.word === w && !claimed.has(i + k))) out.push(i);
  }
  return out;
}

/**
 * Arguments of `schema` the request names by their own words: `point in time recovery` sets
 * `point_in_time_recovery { enabled = true }`, `backup retention period 5` sets the number, a boolean named
 * after a negation is false. Only names of two words or more, or one distinctive word, so prose is not misread.
 */
export function namedArguments(
  tokens: readonly Token[],
  schema: TypeSchema,
  claimed: ReadonlySet<number>,
  request = "",
): AttributeHit[] {
  const hits: AttributeHit[] = [];
  for (const [name, spec] of schema.attributes) {
    if (schema.computed.includes(name) || name === "name" || name === "tags") continue;
    const words = argWords(name);
    if (words.length < 2 && !["bool"].includes(spec.type)) continue;
    for (const at of findWords(tokens, words, claimed)) {
      const phrase = words.join(" ");
      const span = words.map((_, k) => at + k);
      if (spec.type === "bool") {
        const negated = NEGATION.has(tokens[at - 1]?.word ?? "") || NEGATION.has(tokens[at - 2]?.word ?? "");
        hits.push({ path: name, value: bool(!negated), at, phrase, tokens: span });
        continue;
      }
      const found =
        valueAfter(tokens, at + words.length, spec.type) ??
        (spec.type === "string" ? valueBefore(tokens, at, request) : undefined);
      if (found !== undefined)
        hits.push({ path: name, value: found.value, at, phrase, tokens: [...span, ...found.used] });
    }
  }
  for (const [name, nested] of schema.blocks) {
    const words = argWords(name);
    if (words.length < 2 || !nested.attributes.has("enabled")) continue;
    for (const at of findWords(tokens, words, claimed)) {
      const negated = NEGATION.has(tokens[at - 1]?.word ?? "");
      hits.push({
        path: `${name}.enabled`,
        value: bool(!negated),
        at,
        phrase: words.join(" "),
        tokens: words.map((_, k) => at + k),
      });
    }
  }
  return hits;
}

interface Pattern {
  pattern: RegExp;
  /** Candidate argument paths, the first the schema has wins. */
  paths: string[];
  value: (m: RegExpMatchArray) => Value | undefined;
  /** Only for these resource types (for argument names as common as `type`). */
  only?: RegExp;
}

const UNIT: Record<string, string> = { minute: "minutes", hour: "hours", day: "days" };
const rate = (n: number, unit: string): Value => str(`rate(${n} ${n === 1 ? unit : (UNIT[unit] ?? unit)})`);

const PATTERNS: Pattern[] = [
  {
    pattern: /\b(\d+)\s*(?:gb|gib)\b/i,
    paths: ["allocated_storage", "size_in_gb", "volume_size", "size", "storage_size", "ebs_volume_size"],
    value: (m) => num(Number(m[1])),
  },
  {
    pattern: /\b(\d+|two|three|four|five|six)\s+(?:nodes?|brokers?|broker nodes)\b/i,
    paths: [
      "number_of_nodes",
      "number_of_broker_nodes",
      "num_cache_nodes",
      "num_cache_clusters",
      "desired_capacity",
      "instance_count",
    ],
    value: (m) => num(asNumber((m[1] ?? "").toLowerCase()) ?? 1),
  },
  {
    pattern: /\bevery\s+(\d+)?\s*(minute|hour|day)s?\b/i,
    paths: ["schedule_expression"],
    value: (m) => rate(Number(m[1] ?? "1"), (m[2] ?? "day").toLowerCase()),
  },
  { pattern: /\b(?:hourly|every\s+hour)\b/i, paths: ["schedule_expression"], value: () => rate(1, "hour") },
  {
    pattern:
      /\b(?:daily|every\s*day|each\s+day)\b(?:\s+at\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm|utc)?|\s+at\s+(midnight|noon))?/i,
    paths: ["schedule_expression"],
    value: (m) => {
      const hour =
        m[4] === "midnight"
          ? 0
          : m[4] === "noon"
            ? 12
            : m[1] === undefined
              ? undefined
              : Number(m[1]) + (m[3]?.toLowerCase() === "pm" && m[1] !== "12" ? 12 : 0);
      return hour === undefined ? rate(1, "day") : str(`cron(${Number(m[2] ?? "0")} ${hour % 24} * * ? *)`);
    },
  },
  {
    pattern:
      /\b(\d+)[\s-]*days?\s+(?:of\s+)?(?:backups?|backup retention)|\bbackup retention(?:\s+period)?\s+(?:of\s+|should be\s+|is\s+)?(\d+)/i,
    paths: ["backup_retention_period", "automated_snapshot_retention_period", "snapshot_retention_limit"],
    value: (m) => num(Number(m[1] ?? m[2])),
  },
  {
    pattern:
      /\b(?:retain(?:ed|s)?|retention(?: period)?|keep|keeps|kept|expire)\s+(?:(?:the\s+)?(?:logs?|messages?|objects?|data|versions?)\s+)?(?:for\s+|of\s+|after\s+)?(\d+)\s*days?\b|\b(\d+)[\s-]*days?\s+retention\b/i,
    paths: ["retention_in_days", "retention_period", "max_age_in_days"],
    value: (m) => num(Number(m[1] ?? m[2])),
  },
  { pattern: /\bmulti[\s_-]*az\b/i, paths: ["multi_az"], value: () => bool(true) },
  {
    pattern: /\b(?:postgres(?:ql)?|mysql|mariadb)\s+(?:version\s+)?(\d+(?:\.\d+)?)\b/i,
    paths: ["engine_version"],
    value: (m) => str(m[1] ?? ""),
  },
  {
    pattern: /\b(?:on\s+)?port\s+(\d{2,5})\b/i,
    paths: ["port", "from_port"],
    value: (m) => num(Number(m[1])),
  },
  {
    pattern: /\b(\d+)\s*mb\s+(?:of\s+)?memory|\bmemory\s+(?:of\s+)?(\d+)\s*mb\b/i,
    paths: ["memory_size"],
    value: (m) => num(Number(m[1] ?? m[2])),
  },
  {
    pattern: /\b(?:timeout\s+(?:of\s+)?(\d+)\s*(?:s|sec|seconds)|(\d+)[\s-]*seconds?\s+timeout)\b/i,
    paths: ["timeout"],
    value: (m) => num(Number(m[1] ?? m[2])),
  },
  // The size asked for: "an instance of t2.micro" (EC2), "a db.r6g.large database", "cache.t4g.small nodes";
  // each family only for the arguments that take it.
  {
    pattern:
      /(?<![\w.])((?!db\.|cache\.)[a-z][a-z0-9-]*\d[a-z0-9-]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal))\b/i,
    paths: ["instance_type"],
    value: (m) => str((m[1] ?? "").toLowerCase()),
  },
  {
    pattern: /\b(db\.[a-z0-9-]+\.[a-z0-9]+)\b/i,
    paths: ["instance_class"],
    value: (m) => str((m[1] ?? "").toLowerCase()),
  },
  {
    pattern: /\b(cache\.[a-z0-9-]+\.[a-z0-9]+)\b/i,
    paths: ["node_type"],
    value: (m) => str((m[1] ?? "").toLowerCase()),
  },
  {
    // "a TXT record", "an A record" (a lone "a record" is an article, not a type).
    pattern: /\b(?:(aaaa|cname|txt|mx|ns|ptr|srv|caa)|an\s+(a))[\s-]+records?\b/i,
    paths: ["type"],
    value: (m) => str((m[1] ?? m[2] ?? "").toUpperCase()),
    only: /^aws_route53_record$/,
  },
  {
    // "the verification string should be "abc"", "pointing to "10.0.0.5"": the record's value.
    pattern:
      /\b(?:value|string|points?\s+to|pointing\s+to|resolves?\s+to)\s+(?:should\s+be\s+|is\s+|of\s+|=\s*)?"([^"\n]{1,255})"/i,
    paths: ["records"],
    value: (m) => ({ k: "list", items: [str(m[1] ?? "")] }),
    only: /^aws_route53_record$/,
  },
  {
    // The VPC's own range ("a VPC with CIDR 10.1.0.0/16", "address space 10.1.0.0/16"), never a CIDR that
    // traffic comes from ("SSH from 203.0.113.0/24"): that one is a rule's source.
    pattern:
      /\b(?:vpc|cidr(?:\s+block)?|range|address\s+space)\s+(?:of\s+|is\s+|=\s*|should\s+be\s+|with\s+(?:a\s+)?(?:cidr(?:\s+block)?\s+(?:of\s+)?)?)?(\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2})\b/i,
    paths: ["cidr_block"],
    value: (m) => str(m[1] ?? ""),
    only: /^aws_vpc$/,
  },
];

/** Arguments set by phrase patterns, for a type that has the argument. */
export function patternArguments(
  request: string,
  has: (path: string) => boolean,
  type: string,
): AttributeHit[] {
  const hits: AttributeHit[] = [];
  for (const p of PATTERNS) {
    if (p.only !== undefined && !p.only.test(type)) continue;
    const m = request.match(p.pattern);
    if (m === null) continue;
    const path = p.paths.find(has);
    const value = path === undefined ? undefined : p.value(m);
    if (path !== undefined && value !== undefined)
      hits.push({ path, value, at: -1, phrase: m[0], tokens: [] });
  }
  return hits;
}

/** The engine a database request names. */
export function engineOf(request: string): string | undefined {
  const m = /\b(postgres(?:ql)?|mysql|mariadb|aurora)\b/i.exec(request);
  if (m === null) return undefined;
  const word = (m[1] ?? "").toLowerCase();
  return word.startsWith("postgres") ? "postgres" : word;
}
