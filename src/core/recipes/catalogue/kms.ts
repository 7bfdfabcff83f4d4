import { z } from "zod";
import { attr, bool, list, num, raw, str, strs } from "../hcl/writer.js";
import type { Item } from "../hcl/writer.js";
import {
  accountRoot,
  awsName,
  callerIdentityShared,
  identOf,
  nameSchema,
  policyDocument,
  policyJson,
  ref,
  resource,
} from "../common.js";
import type { RecipeDefinition, RenderEnv } from "../types.js";

/** AWS services that publish into encrypted topics and queues and so must use the key themselves. */
export const KEY_USERS = ["cloudwatch.amazonaws.com", "events.amazonaws.com", "s3.amazonaws.com"] as const;

const params = z.object({
  name: nameSchema,
  description: z
    .string()
    .regex(/^[A-Za-z0-9 .,()_-]{0,200}$/, "plain words")
    .optional(),
  deletion_window_days: z.number().int().min(7).max(30).default(30),
  service_principals: z
    .array(z.enum(KEY_USERS))
    .max(KEY_USERS.length)
    .default([])
    .describe(
      "services allowed to encrypt with the key in this account (CloudWatch alarms into an encrypted topic)",
    ),
});

export interface KeyOptions {
  description: string;
  deletionWindowDays: number;
  servicePrincipals: readonly string[];
}

/** Policy document, key and alias; services may only use the key on behalf of this account. */
export function kmsKeyBlocks(env: RenderEnv, name: string, options: KeyOptions): Item[] {
  const id = identOf(name);
  const doc = `${id}_key_policy`;
  const prefix = env.ctx.namePrefixExpression;
  const alias = prefix === undefined ? str(`alias/${name}`) : raw(`"alias/${prefix}-${name}"`);
  const services = [...new Set(options.servicePrincipals)];
  return [
    policyDocument(doc, [
      {
        // The account root statement hands key administration to IAM, as the AWS default key policy does.
        sid: "EnableIAMUserPermissions",
        effect: "Allow",
        actions: ["kms:*"],
        resources: list(str("*")),
        principals: [{ type: "AWS", identifiers: accountRoot(env) }],
      },
      ...(services.length === 0
        ? []
        : [
            {
              sid: "AllowServicesInThisAccount",
              effect: "Allow" as const,
              actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
              resources: list(str("*")),
              principals: [{ type: "Service", identifiers: strs(services) }],
              conditions: [
                {
                  test: "StringEquals",
                  variable: "aws:SourceAccount",
                  values: list(raw(`${env.callerIdentity}.account_id`)),
                },
              ],
            },
          ]),
    ]),
    resource(
      env,
      "aws_kms_key",
      id,
      [
        attr("description", str(options.description)),
        attr("enable_key_rotation", bool(true)),
        attr("deletion_window_in_days", num(options.deletionWindowDays)),
        attr("policy", policyJson(doc)),
      ],
      awsName(env, name),
    ),
    resource(env, "aws_kms_alias", id, [
      attr("name", alias),
      attr("target_key_id", ref("aws_kms_key", id, "key_id")),
    ]),
  ];
}

export const kmsKey: RecipeDefinition<typeof params> = {
  id: "kms-key",
  title: "KMS key",
  description:
    "Customer managed symmetric KMS key with automatic rotation, a 30-day deletion window, an alias and an explicit key policy.",
  file: "kms.tf",
  service: "kms",
  params,
  render(p, env) {
    return {
      blocks: kmsKeyBlocks(env, p.name, {
        description: p.description ?? `${p.name} (managed by Terraform)`,
        deletionWindowDays: p.deletion_window_days,
        servicePrincipals: p.service_principals,
      }),
      shared: [callerIdentityShared(env)],
      extraFiles: [],
      notes: [
        "automatic yearly key rotation on",
        `deletion window ${p.deletion_window_days} days`,
        "key policy delegates access to IAM in this account only",
        ...(p.service_principals.length === 0
          ? []
          : [`${p.service_principals.join(", ")} may encrypt with it, for this account only`]),
      ],
    };
  },
};
