/** Plain-English nouns for the resource types a module lesson can take over. */
const NOUNS: readonly [RegExp, string][] = [
  [/^(?:s3\s+)?buckets?$/, "aws_s3_bucket"],
  [/^(?:sqs\s+)?queues?$/, "aws_sqs_queue"],
  [/^(?:sns\s+)?topics?$/, "aws_sns_topic"],
  [/^(?:dynamodb\s+)?tables?$/, "aws_dynamodb_table"],
  [/^(?:lambda\s+)?functions?$|^lambdas?$/, "aws_lambda_function"],
  [/^(?:kms\s+)?keys?$/, "aws_kms_key"],
  [/^(?:ecr\s+)?repositor(?:y|ies)$/, "aws_ecr_repository"],
  [/^secrets?$/, "aws_secretsmanager_secret"],
  [/^security\s+groups?$/, "aws_security_group"],
];

// "use ./modules/s3-bucket for every bucket", "always use ./modules/queue for SQS queues".
const MODULE_STATEMENT =
  /\buse\s+(?:the\s+)?(?:module\s+)?[`"']?(\.\/[A-Za-z0-9_./-]+?)[`"']?\s+(?:module\s+)?for\s+(?:every|all|each|any)?\s*(?:new\s+)?([a-z0-9 ]+?)\s*(?:[.,;!]|$)/i;

export interface ModuleStatement {
  source: string;
  resourceType: string;
}

/** The module choice a person stated in `/agent feedback`, when the text says one plainly. */
export function moduleStatement(text: string): ModuleStatement | null {
  const firstLine = text.split("\n").find((l) => l.trim() !== "") ?? "";
  const match = MODULE_STATEMENT.exec(firstLine.trim());
  if (!match?.[1] || !match[2]) return null;
  const noun = match[2].trim().toLowerCase().replace(/\s+/g, " ");
  const type = NOUNS.find(([pattern]) => pattern.test(noun))?.[1];
  if (!type) return null;
  return { source: match[1].replace(/\/+$/, ""), resourceType: type };
}

/**
 * What a person wrote besides a stated module choice (the lines after it), kept as a quote: guidance for a
 * model, fenced as data, never read for another choice. Empty when the statement was all they wrote.
 */
export function feedbackRest(text: string): string {
  if (moduleStatement(text) === null) return text;
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  return lines
    .slice(first + 1)
    .join("\n")
    .trim();
}
