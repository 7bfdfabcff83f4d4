import type { Clause } from "./text.js";

export type Kind =
  | "kms"
  | "s3"
  | "dynamodb"
  | "sqs"
  | "sns"
  | "secret"
  | "ecr"
  | "sg"
  | "lambda"
  | "schedule"
  | "alarm"
  | "oidc";

export const RECIPE_OF: Record<Kind, string> = {
  kms: "kms-key",
  s3: "s3-bucket",
  dynamodb: "dynamodb-table",
  sqs: "sqs-queue",
  sns: "sns-topic",
  secret: "secretsmanager-secret",
  ecr: "ecr-repository",
  sg: "security-group",
  lambda: "python-lambda",
  schedule: "eventbridge-schedule",
  alarm: "cloudwatch-alarm",
  oidc: "github-oidc-role",
};

/** Longest, most specific phrases first; each claims its words so later patterns cannot reuse them. */
const PATTERNS: [Kind, RegExp][] = [
  [
    "oidc",
    /\b(?:github[\s-]+(?:actions[\s-]+)?oidc(?:[\s-]+(?:iam[\s-]+)?role)?|oidc[\s-]+(?:iam[\s-]+)?(?:role|provider|trust)(?:[\s-]+for[\s-]+github(?:[\s-]+actions)?)?|github[\s-]+actions[\s-]+(?:deploy(?:ment)?[\s-]+)?(?:iam[\s-]+)?role|(?:deploy(?:ment)?[\s-]+|iam[\s-]+)?role[\s-]+for[\s-]+github[\s-]+actions)\b/,
  ],
  [
    "ecr",
    /\b(?:ecr(?:[\s-]+(?:repo|repository|registry))?|(?:container|docker)[\s-]+(?:image[\s-]+)?(?:registry|repo|repository)|image[\s-]+(?:registry|repo|repository))\b/,
  ],
  ["secret", /\b(?:secrets[\s-]+manager(?:[\s-]+secret)?|secret)s?\b/],
  ["sg", /\b(?:security[\s-]+groups?|firewall(?:[\s-]+rules?)?)\b/],
  [
    "alarm",
    /\b(?:(?:cloudwatch[\s-]+)?(?:metric[\s-]+)?alarms?|alert(?:s)?[\s-]+(?:me[\s-]+)?(?:when|if|on))\b/,
  ],
  [
    "kms",
    /\b(?:(?:customer[\s-]+managed[\s-]+)(?:kms[\s-]+)?(?:encryption[\s-]+)?key|kms[\s-]+(?:encryption[\s-]+)?key|kms[\s-]+cmk|cmk|encryption[\s-]+key|kms)s?\b/,
  ],
  ["dynamodb", /\b(?:dynamo[\s-]?db(?:[\s-]+table)?|ddb[\s-]+table|table)s?\b/],
  ["sqs", /\b(?:sqs(?:[\s-]+(?:fifo[\s-]+)?queue)?|(?:fifo[\s-]+)?(?:message[\s-]+)?queue)s?\b/],
  ["sns", /\b(?:sns(?:[\s-]+topic)?|(?:notification[\s-]+)?topic)s?\b/],
  ["s3", /\b(?:s3(?:[\s-]+bucket)?|bucket)s?\b/],
  ["lambda", /\b(?:(?:aws[\s-]+)?lambda(?:[\s-]+function)?|serverless[\s-]+function|function)s?\b/],
  [
    "schedule",
    /\b(?:eventbridge[\s-]+(?:schedule|rule)|cron[\s-]+job|scheduled[\s-]+(?:job|task|rule)|schedule)\b/,
  ],
];

/** Not a building block of its own: a property of the queue (dead-letter queue) or of the secret text. */
export const DLQ = /\b(?:dead[\s-]*letter(?:[\s-]+queue)?|dlq)s?\b/;

export interface Mention {
  kind: Kind;
  start: number;
  end: number;
  /** "the queue", "that table": refers to a block named earlier rather than asking for a new one. */
  definite: boolean;
}

export function findMentions(clause: Clause): Mention[] {
  const found: Mention[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const m of clause.takeAll(pattern)) {
      const before = clause.lower.slice(Math.max(0, m.index - 40), m.index);
      found.push({
        kind,
        start: m.index,
        end: m.index + m[0].length,
        definite: /\b(?:the|that|this|its|same|existing)\s+(?:\S+\s+)?$/.test(before),
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Splits at sentence ends and at "and a / , a / plus": each clause then usually asks for one block. */
export function splitClauses(text: string): string[] {
  return text
    .split(
      /(?:(?<=\S)[.!?;]+(?=\s|$)|\n|,\s*(?:and\s+)?(?=(?:an?|one|plus|also|then)\s)|\s+and\s+(?=(?:an?|one|also|then)\s)|\s+plus\s+|\s+as\s+well\s+as\s+)/i,
    )
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
