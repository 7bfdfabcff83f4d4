import { z } from "zod";
import { attr, block, call, list, obj, raw, str, strs } from "./hcl/writer.js";
import type { Item, Value } from "./hcl/writer.js";
import type { RenderEnv } from "./types.js";

/** A resource name as AWS sees it (after the repo's prefix): lower-case words joined by hyphens. */
export const nameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
    "lower-case letters, digits and single hyphens, starting with a letter",
  )
  .max(40);

/** A reference to another Terraform block by its identifier (e.g. `orders` for aws_sqs_queue.orders). */
export const identSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*$/, "a Terraform identifier such as orders_queue");

export const identOf = (name: string): string => name.replace(/-/g, "_");

/** The AWS-side name: the repo's prefix expression (if any) joined to the recipe name. */
export function awsName(env: RenderEnv, name: string, suffix = ""): Value {
  const prefix = env.ctx.namePrefixExpression;
  return prefix === undefined ? str(`${name}${suffix}`) : raw(`"${prefix}-${name}${suffix}"`);
}

export const ref = (type: string, ident: string, attribute: string): Value =>
  raw(`${type}.${ident}.${attribute}`);

function tagItems(env: RenderEnv, name: Value): Item[] {
  const { style, expression } = env.ctx.tags;
  if (style === "per_resource_merge") {
    const own = obj({ Name: name });
    return [attr("tags", expression === undefined ? own : call("merge", raw(expression), own))];
  }
  return [];
}

const providerItems = (env: RenderEnv): Item[] =>
  env.ctx.providerAlias === undefined ? [] : [attr("provider", raw(`aws.${env.ctx.providerAlias}`))];

/** A resource block; `tagName` makes it tagged according to the repo's tag convention. */
export function resource(env: RenderEnv, type: string, ident: string, body: Item[], tagName?: Value): Item {
  const tags = tagName === undefined ? [] : tagItems(env, tagName);
  return block("resource", [type, ident], [...providerItems(env), ...body, ...tags]);
}

/** A data source that calls AWS, so it follows the provider alias. */
export const awsData = (env: RenderEnv, type: string, ident: string, body: Item[]): Item =>
  block("data", [type, ident], [...providerItems(env), ...body]);

export interface Statement {
  sid?: string;
  effect?: "Allow" | "Deny";
  actions: string[];
  resources?: Value;
  principals?: { type: string; identifiers: Value }[];
  conditions?: { test: string; variable: string; values: Value }[];
}

/** `data "aws_iam_policy_document"`: computed locally by Terraform, no provider alias needed. */
export function policyDocument(ident: string, statements: Statement[]): Item {
  return block(
    "data",
    ["aws_iam_policy_document", ident],
    statements.map((st) =>
      block(
        "statement",
        [],
        [
          ...(st.sid === undefined ? [] : [attr("sid", str(st.sid))]),
          ...(st.effect === undefined ? [] : [attr("effect", str(st.effect))]),
          attr("actions", strs(st.actions)),
          ...(st.resources === undefined ? [] : [attr("resources", st.resources)]),
          ...(st.principals ?? []).map((p) =>
            block("principals", [], [attr("type", str(p.type)), attr("identifiers", p.identifiers)]),
          ),
          ...(st.conditions ?? []).map((c) =>
            block(
              "condition",
              [],
              [attr("test", str(c.test)), attr("variable", str(c.variable)), attr("values", c.values)],
            ),
          ),
        ],
      ),
    ),
  );
}

export const policyJson = (ident: string): Value => raw(`data.aws_iam_policy_document.${ident}.json`);

export const accountRoot = (env: RenderEnv): Value =>
  list(raw(`"arn:aws:iam::\${${env.callerIdentity}.account_id}:root"`));

/** CloudWatch Logs accepts only these retention values. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The smallest allowed retention that keeps logs at least `days`. */
export function logRetention(days: number): number {
  return LOG_RETENTION_DAYS.find((allowed) => allowed >= days) ?? 3653;
}

/** The account-id lookup several recipes share; the planner emits it once, or not at all if the repo has one. */
export function callerIdentityShared(env: RenderEnv): {
  key: string;
  ref: { type: string; name: string };
  block: Item;
} {
  const name = env.callerIdentity.split(".").pop() ?? "current";
  return {
    key: "caller_identity",
    ref: { type: "data.aws_caller_identity", name },
    block: awsData(env, "aws_caller_identity", name, []),
  };
}
