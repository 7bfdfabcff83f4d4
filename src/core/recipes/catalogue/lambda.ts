import { z } from "zod";
import { attr, block, list, num, obj, raw, str, strs } from "../hcl/writer.js";
import type { Item } from "../hcl/writer.js";
import {
  awsName,
  identOf,
  identSchema,
  logRetention,
  nameSchema,
  policyDocument,
  policyJson,
  ref,
  resource,
} from "../common.js";
import type { RecipeDefinition } from "../types.js";
import { accessSchema, accessStatements, describeAccess } from "./lambda-access.js";
import { handlerCalls } from "./lambda-calls.js";
import { handlerPython } from "./lambda-handler.js";
import { handlerTests } from "./lambda-tests.js";

const params = z.object({
  name: nameSchema,
  runtime: z
    .enum(["python3.9", "python3.10", "python3.11", "python3.12", "python3.13"])
    .default("python3.12"),
  memory_mb: z.number().int().min(128).max(10240).default(256),
  timeout_seconds: z.number().int().min(1).max(900).default(30),
  architecture: z.enum(["arm64", "x86_64"]).default("arm64"),
  log_retention_days: z.number().int().min(1).max(3653).default(30),
  sqs_trigger: identSchema.optional().describe("identifier of an aws_sqs_queue that feeds the function"),
  batch_size: z.number().int().min(1).max(10000).default(10),
  access: z.array(accessSchema).max(20).default([]),
});

const BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

export const pythonLambda: RecipeDefinition<typeof params> = {
  id: "python-lambda",
  fromArguments: {
    memory_size: (v) => (typeof v === "number" ? { memory_mb: v } : null),
    timeout: (v) => (typeof v === "number" ? { timeout_seconds: v } : null),
  },
  title: "Python Lambda function",
  description:
    "Python Lambda function packaged from src/<name>/handler.py, with its own IAM role (basic execution plus least-privilege grants), a log group with retention, and an optional SQS trigger.",
  file: "lambda.tf",
  service: "lambda",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    const retention = logRetention(p.log_retention_days);
    const access =
      p.sqs_trigger === undefined
        ? p.access
        : [{ kind: "sqs_consume" as const, target: p.sqs_trigger }, ...p.access];
    const unique = access.filter(
      (grant, i) => access.findIndex((g) => g.kind === grant.kind && g.target === grant.target) === i,
    );
    const calls = handlerCalls(unique);
    const sqs = p.sqs_trigger !== undefined;
    const logGroup =
      env.ctx.namePrefixExpression === undefined
        ? str(`/aws/lambda/${p.name}`)
        : raw(`"/aws/lambda/${env.ctx.namePrefixExpression}-${p.name}"`);
    const blocks: Item[] = [
      policyDocument(`${id}_assume_role`, [
        {
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: strs(["lambda.amazonaws.com"]) }],
        },
      ]),
      resource(
        env,
        "aws_iam_role",
        `${id}_lambda`,
        [attr("name", name), attr("assume_role_policy", policyJson(`${id}_assume_role`))],
        name,
      ),
      resource(env, "aws_iam_role_policy_attachment", `${id}_basic_execution`, [
        attr("role", ref("aws_iam_role", `${id}_lambda`, "name")),
        attr("policy_arn", str(BASIC_EXECUTION)),
      ]),
      resource(
        env,
        "aws_cloudwatch_log_group",
        `${id}_lambda`,
        [attr("name", logGroup), attr("retention_in_days", num(retention))],
        name,
      ),
      block(
        "data",
        ["archive_file", id],
        [
          attr("type", str("zip")),
          attr("source_dir", raw(`"\${path.module}/src/${p.name}"`)),
          attr("output_path", raw(`"\${path.module}/build/${p.name}.zip"`)),
          // The handler's unit tests stay in the repository, out of the deployed package.
          attr("excludes", strs(["test_handler.py"])),
        ],
      ),
    ];
    if (unique.length > 0) {
      blocks.push(policyDocument(`${id}_access`, accessStatements(unique)));
      blocks.push(
        resource(env, "aws_iam_role_policy", `${id}_access`, [
          attr("name", str("access")),
          attr("role", ref("aws_iam_role", `${id}_lambda`, "id")),
          attr("policy", policyJson(`${id}_access`)),
        ]),
      );
    }
    blocks.push(
      resource(
        env,
        "aws_lambda_function",
        id,
        [
          attr("function_name", name),
          attr("role", ref("aws_iam_role", `${id}_lambda`, "arn")),
          attr("runtime", str(p.runtime)),
          attr("handler", str("handler.handler")),
          attr("architectures", strs([p.architecture])),
          attr("memory_size", num(p.memory_mb)),
          attr("timeout", num(p.timeout_seconds)),
          attr("filename", raw(`data.archive_file.${id}.output_path`)),
          attr("source_code_hash", raw(`data.archive_file.${id}.output_base64sha256`)),
          block(
            "environment",
            [],
            [
              attr(
                "variables",
                obj({
                  LOG_LEVEL: str("INFO"),
                  ...Object.fromEntries(calls.map((c) => [c.env.name, c.env.value])),
                }),
              ),
            ],
          ),
          block(
            "logging_config",
            [],
            [
              attr("log_format", str("Text")),
              attr("log_group", ref("aws_cloudwatch_log_group", `${id}_lambda`, "name")),
            ],
          ),
          // The log group and role permissions must exist before the first invocation writes logs.
          attr(
            "depends_on",
            list(
              raw(`aws_cloudwatch_log_group.${id}_lambda`),
              raw(`aws_iam_role_policy_attachment.${id}_basic_execution`),
            ),
          ),
        ],
        name,
      ),
    );
    if (p.sqs_trigger !== undefined) {
      blocks.push(
        resource(env, "aws_lambda_event_source_mapping", `${id}_${p.sqs_trigger}`, [
          attr("event_source_arn", ref("aws_sqs_queue", p.sqs_trigger, "arn")),
          attr("function_name", ref("aws_lambda_function", id, "arn")),
          attr("batch_size", num(p.batch_size)),
          attr("function_response_types", strs(["ReportBatchItemFailures"])),
          ...(unique.length > 0 ? [attr("depends_on", list(raw(`aws_iam_role_policy.${id}_access`)))] : []),
        ]),
      );
    }
    return {
      blocks,
      shared: [],
      extraFiles: [
        { path: `src/${p.name}/handler.py`, content: handlerPython(p.name, sqs, calls) },
        { path: `src/${p.name}/test_handler.py`, content: handlerTests(p.name, sqs, calls) },
      ],
      notes: [
        `${p.runtime} on ${p.architecture}, ${p.memory_mb} MB, ${p.timeout_seconds} s timeout; code packaged from \`src/${p.name}/\``,
        "own IAM role trusted only by lambda.amazonaws.com, with AWSLambdaBasicExecutionRole",
        'packaged by `data "archive_file"` (the hashicorp/archive provider, installed by `terraform init`)',
        `unit tests in \`src/${p.name}/test_handler.py\` (pytest, botocore Stubber${calls.length > 0 ? ` for ${calls.map((c) => `${c.service}.${c.operation}`).join(", ")}` : ""}), left out of the package`,
        `log group with ${retention}-day retention${retention !== p.log_retention_days ? ` (CloudWatch's nearest allowed value to ${p.log_retention_days})` : ""}`,
        ...unique.map((grant) => `least-privilege grant: ${describeAccess(grant)}`),
        ...(p.sqs_trigger === undefined
          ? []
          : [`triggered by aws_sqs_queue.${p.sqs_trigger} with partial batch failure reporting`]),
      ],
    };
  },
};
