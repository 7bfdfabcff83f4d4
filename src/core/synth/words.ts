/** Request text → lowercase singular tokens, with the spellings people use for AWS services folded into one. */

const PHRASES: [RegExp, string][] = [
  [/\broute\s*53\b/g, "route53"],
  [/\bamazon\s+/g, ""],
  [
    /\b(?:application|network|elastic)\s+load\s+balanc(?:er|ers|ing)\b|\bload\s+balanc(?:er|ers|ing)\b/g,
    "lb",
  ],
  [/\b(?:alb|nlb)s?\b/g, "lb"],
  [/\bevent\s*bridge\b|\bcloudwatch\s+events?\b/g, "cloudwatch event"],
  [/\bcloudwatch event(?:\s+events?)+\b/g, "cloudwatch event"],
  [/\bstep\s+functions?\b/g, "sfn"],
  [/\b(?:elastic|static|public)\s+ips?\b/g, "eip"],
  [/\bdynamo\b/g, "dynamodb"],
  [/\bsecurity\s+groups?\b/g, "security group"],
  [/\bkey\s+management\s+service\b/g, "kms"],
  [/\bcloudwatch\s+logs?\s+groups?\b/g, "cloudwatch log group"],
  [/\bip\s*v4\b/g, "ipv4"],
  [/\bip\s*v6\b/g, "ipv6"],
  [/\bmulti[\s-]+az\b/g, "multi_az"],
  [/\bpoint[\s-]+in[\s-]+time\b/g, "point in time"],
  [/\bweb\s+acl\b/g, "web_acl"],
  // Services AWS names in two words and Terraform in one ("MSK Connect" → aws_mskconnect_*).
  [/\bmsk\s+connect\b/g, "mskconnect"],
  [/\bapp\s+runner\b/g, "apprunner"],
  [/\bcode\s*(build|pipeline|deploy|commit|artifact)\b/g, "code$1"],
  [/\bcloud\s+(front|trail)\b/g, "cloud$1"],
  [/\bapp\s+(sync|flow)\b/g, "app$1"],
  // Kinesis Data Analytics v2 is one service name, however it is written (the v1 API is legacy).
  [
    /\bkinesis\s+(?:data\s+)?analytics\s+v2\b|\bkinesis\s+v2\s+analytics\b|\bmanaged\s+service\s+for\s+apache\s+flink\b/g,
    "kinesisanalyticsv2",
  ],
];

/** Plurals that are not plurals (service names, Latin). */
const KEEP = new Set(
  "aws kms sns sqs ses rds ecs eks efs dms emr iam alias status access address redis kinesis analysis elasticsearch glacies series canaries metrics ops devops sagemaker process express windows https always".split(
    " ",
  ),
);

export function singular(word: string): string {
  if (word.length <= 3 || KEEP.has(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:sses|shes|ches|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export interface Token {
  /** Normalised, singular. */
  word: string;
  /** The word as written (plural, case folded), to tell "subnets" from "subnet". */
  raw: string;
  /** Index of the first character in the normalised text (for finding quoted values and numbers near it). */
  at: number;
  /** A quoted string as written, case kept ("LockID"): a value is written as the request spells it. */
  original?: string;
}

const QUOTED = /"([^"\n]{0,200})"|'([^'\n]{1,200})'(?![a-z])/gi;

/** The request as tokens. Quoted strings are kept as one token each, flagged by a leading `"`. */
export function tokenize(text: string): Token[] {
  const quotes = text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
  // Quoted strings in order, as written: the k-th quoted token is the k-th of these.
  const originals = [...quotes.matchAll(QUOTED)].map((m) => m[1] ?? m[2] ?? "");
  let normal = quotes.toLowerCase();
  for (const [pattern, replacement] of PHRASES) normal = normal.replace(pattern, replacement);
  const tokens: Token[] = [];
  const pattern = /"([^"\n]{0,200})"|'([^'\n]{1,200})'(?![a-z])|(aws_[a-z0-9_]+)|([a-z0-9][a-z0-9._:/*-]*)/g;
  for (const match of normal.matchAll(pattern)) {
    const quoted = match[1] ?? match[2];
    if (quoted !== undefined) {
      const original = originals.shift();
      tokens.push({
        word: `"${quoted}`,
        raw: quoted,
        at: match.index,
        ...(original?.toLowerCase() === quoted ? { original } : {}),
      });
    } else if (match[3] !== undefined) {
      // "aws_route_53" is how people spell aws_route53; "aws_lex bot" names a service, not a type.
      const word = match[3].replace(/_(?=\d)/g, "");
      const service = /^aws_([a-z0-9]+)$/.exec(word)?.[1];
      tokens.push({ word: service ?? word, raw: word, at: match.index });
    } else {
      const raw = (match[4] ?? "").replace(/[.:]+$/, "");
      // "lambda-based", "s3-hosted": the service is the word that matters.
      for (const part of /^[a-z]+(?:-[a-z]+)+$/.test(raw) ? raw.split("-") : [raw])
        tokens.push({ word: singular(part), raw: part, at: match.index });
    }
  }
  return tokens;
}

/** Words that never name infrastructure; everything else the plan does not cover is reported. */
export const FILLER = new Set(
  `a an the and or with for that which who to of in on at by from into is are be been should would could can
  will shall may might must we i you me us our my your it its them they their this these those there here also
  plus please need want like create add set setup up make provision deploy new some one two three give get have
  has let just too as so then via using use own both each all any every per kindly hi hello thank team gets got
  able where when while what how simple basic small standard default proper good nice secure securely safe
  enabled enable on off run running example sample generate generage configure configured configuring
  resource terraform aws amazon service provide provisioning setting specified specific named called name
  following necessary accomplish allow allowing it's within inside attached associate associated between
  other another into only same just data than via link linking linked connect connected through managed manage
  management code stack infrastructure environment env application app project test case cases used
  create creating created sets up provisions deploys include including contain containing hold holding help
  integrate integration user users different whose which than more less least most over under about across
  make sure ensure should so such that them do does doing done value values argument arguments attribute
  attributes block blocks type types version region us-east-1 us-west-1 us-west-2 eu-west-1 default`
    .split(/\s+/)
    .filter((w) => w !== ""),
);

export const NEGATION = new Set(["no", "not", "without", "disable", "disabled", "never", "don't", "skip"]);

/** "the billing service", "the payments team": the word before one of these is a name, not infrastructure. */
export const NAMED = new Set(
  "service team app application system project workload site website job product".split(" "),
);

const IDENT = /^[a-z][a-z0-9_]{0,40}$/;

/**
 * The local name a request gives the thing whose words end at `end`: `named "orders"`, `called web`, or a
 * quoted name right after (`"orders" table` is not read: a word before a type is too often an adjective).
 */
export function nameAfter(tokens: readonly Token[], end: number): string | undefined {
  const after = tokens.slice(end, end + 3);
  const namedAt = after.findIndex((t) => t.word === "named" || t.word === "called");
  const candidate = namedAt >= 0 ? after[namedAt + 1] : after[0]?.word.startsWith('"') ? after[0] : undefined;
  if (candidate === undefined) return undefined;
  const ident = candidate.word
    .replace(/^"/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  return IDENT.test(ident) ? ident : undefined;
}
