import { z } from "zod";
import { attr, bool, list, num, raw, str } from "../hcl/writer.js";
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
import type { RecipeDefinition } from "../types.js";

const params = z.object({
  name: nameSchema,
  description: z
    .string()
    .regex(/^[A-Za-z0-9 .,()_-]{0,200}$/, "plain words")
    .optional(),
  deletion_window_days: z.number().int().min(7).max(30).default(30),
});

export const kmsKey: RecipeDefinition<typeof params> = {
  id: "kms-key",
  title: "KMS key",
  description:
    "Customer managed symmetric KMS key with automatic rotation, a 30-day deletion window, an alias and an explicit key policy.",
  file: "kms.tf",
  service: "kms",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const doc = `${id}_key_policy`;
    const prefix = env.ctx.namePrefixExpression;
    const alias = prefix === undefined ? str(`alias/${p.name}`) : raw(`"alias/${prefix}-${p.name}"`);
    return {
      blocks: [
        policyDocument(doc, [
          {
            // The account root statement hands key administration to IAM, as the AWS default key policy does.
            sid: "EnableIAMUserPermissions",
            effect: "Allow",
            actions: ["kms:*"],
            resources: list(str("*")),
            principals: [{ type: "AWS", identifiers: accountRoot(env) }],
          },
        ]),
        resource(
          env,
          "aws_kms_key",
          id,
          [
            attr("description", str(p.description ?? `${p.name} (managed by Terraform)`)),
            attr("enable_key_rotation", bool(true)),
            attr("deletion_window_in_days", num(p.deletion_window_days)),
            attr("policy", policyJson(doc)),
          ],
          awsName(env, p.name),
        ),
        resource(env, "aws_kms_alias", id, [
          attr("name", alias),
          attr("target_key_id", ref("aws_kms_key", id, "key_id")),
        ]),
      ],
      shared: [callerIdentityShared(env)],
      extraFiles: [],
      notes: [
        "automatic yearly key rotation on",
        `deletion window ${p.deletion_window_days} days`,
        "key policy delegates access to IAM in this account only",
      ],
    };
  },
};
