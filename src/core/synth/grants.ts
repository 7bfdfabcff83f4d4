import { list, obj, raw, str, strs, type Value } from "../recipes/hcl/writer.js";
import type { CompanionEnv } from "./companions.js";
import { MANAGED } from "./iam.js";
import { refOf, setOnce, type Node } from "./node.js";
import { policyJson } from "./policy.js";

interface Access {
  actions: string[];
  /** Resource ARNs the actions apply to, from the target's ARN expression (`${aws_s3_bucket.main.arn}`). */
  resources: (arn: string) => Value[];
}

/** `${aws_s3_bucket.main.arn}` → the expression itself. */
const bare = (arn: string): string => arn.slice(2, -1);
const itself = (arn: string): Value[] => [raw(bare(arn))];
const andBelow =
  (separator: string) =>
  (arn: string): Value[] => [raw(bare(arn)), raw(`"${arn}${separator}*"`)];

/**
 * What a service role needs on a resource its service points at (a Firehose destination's bucket, a
 * stream it reads): the data actions of that resource, on that resource only.
 */
const ACCESS: [RegExp, Access][] = [
  [
    /^aws_s3_bucket$/,
    {
      actions: [
        "s3:AbortMultipartUpload",
        "s3:GetBucketLocation",
        "s3:GetObject",
        "s3:ListBucket",
        "s3:ListBucketMultipartUploads",
        "s3:PutObject",
      ],
      resources: andBelow("/"),
    },
  ],
  [
    /^aws_kinesis_stream$/,
    {
      actions: [
        "kinesis:DescribeStream",
        "kinesis:GetShardIterator",
        "kinesis:GetRecords",
        "kinesis:ListShards",
      ],
      resources: itself,
    },
  ],
  [
    /^aws_cloudwatch_log_group$/,
    { actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: andBelow(":") },
  ],
  [/^aws_sqs_queue$/, { actions: ["sqs:SendMessage", "sqs:GetQueueAttributes"], resources: itself }],
  [/^aws_sns_topic$/, { actions: ["sns:Publish"], resources: itself }],
  [/^aws_kms_key$/, { actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: itself }],
  [
    /^aws_lambda_function$/,
    { actions: ["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"], resources: itself },
  ],
  [
    /^aws_dynamodb_table$/,
    {
      actions: ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
      resources: itself,
    },
  ],
  [
    /^aws_(?:opensearch|elasticsearch)_domain$/,
    {
      actions: [
        "es:DescribeDomain",
        "es:DescribeDomains",
        "es:DescribeDomainConfig",
        "es:ESHttpPost",
        "es:ESHttpPut",
      ],
      resources: andBelow("/"),
    },
  ],
  [/^aws_opensearchserverless_collection$/, { actions: ["aoss:APIAccessAll"], resources: itself }],
];

/** Logs a service writes under its own name, when no managed policy grants it (CodeBuild's build logs). */
const OWN_LOGS: [RegExp, (node: Node) => string][] = [
  [/^aws_codebuild_project$/, (node) => `/aws/codebuild/\${${refOf(node)}.name}`],
];

const REFERENCE = /\b(aws_[a-z0-9_]+)\.([a-z0-9_-]+)\.[a-z_]+/g;

/**
 * A role the plan adds for a service gets a policy of its own granting what that service touches through
 * the role: the resources the service points at (its destination bucket, the stream it reads) and the logs
 * it writes, each on that resource only, instead of nothing (the service fails) or a broad managed policy.
 */
export function addGrants(env: CompanionEnv): void {
  // Permissions the request spells out itself are its own: nothing is added beside them.
  if (env.nodes.some((n) => n.origin === "requested" && /^aws_iam_(?:policy|role_policy)/.test(n.type)))
    return;
  const account = (): string => env.data("aws_caller_identity", "current", []);
  for (const role of env.nodes.filter((n) => n.type === "aws_iam_role")) {
    const ref = `${refOf(role)}.`;
    const served = env.nodes.filter(
      (n) => !n.type.startsWith("aws_iam_") && JSON.stringify([...n.set.values()]).includes(ref),
    );
    const statements: Value[] = [];
    const seen = new Set<string>();
    for (const node of served) {
      const text = JSON.stringify([...node.set.values()]);
      for (const [, type, name] of text.matchAll(REFERENCE)) {
        const target = `${type}.${name}`;
        const access = ACCESS.find(([p]) => p.test(type ?? ""))?.[1];
        if (access === undefined || seen.has(target) || target === refOf(role)) continue;
        seen.add(target);
        statements.push(
          obj({
            Effect: str("Allow"),
            Action: strs(access.actions),
            Resource: list(...access.resources(`\${${target}.arn}`)),
          }),
        );
      }
      const logs = OWN_LOGS.find(([p]) => p.test(node.type))?.[1];
      const managed = MANAGED.some(([p]) => p.test(node.type));
      if (logs !== undefined && !managed)
        statements.push(
          obj({
            Effect: str("Allow"),
            Action: strs(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]),
            Resource: list(
              raw(`"arn:aws:logs:*:\${${account()}.account_id}:log-group:${logs(node)}"`),
              raw(`"arn:aws:logs:*:\${${account()}.account_id}:log-group:${logs(node)}:*"`),
            ),
          }),
        );
    }
    if (statements.length === 0) continue;
    const serves = served[0] as Node;
    const policy = env.add("aws_iam_policy", `what ${refOf(serves)} reaches through its role`, role);
    setOnce(
      policy,
      "policy",
      policyJson(...statements),
      "least privilege: only the resources the service uses",
    );
    const attachment = env.add("aws_iam_role_policy_attachment", `the role gets ${refOf(policy)}`, role);
    setOnce(attachment, "role", raw(`${refOf(role)}.name`));
    setOnce(attachment, "policy_arn", raw(`${refOf(policy)}.arn`));
  }
}
