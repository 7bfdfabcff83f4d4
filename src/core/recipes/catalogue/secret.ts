import { z } from "zod";
import { attr, num, str } from "../hcl/writer.js";
import { awsName, identOf, identSchema, nameSchema, ref, resource } from "../common.js";
import type { RecipeDefinition } from "../types.js";

const params = z.object({
  name: nameSchema,
  description: z
    .string()
    .regex(/^[A-Za-z0-9 .,()_-]{0,200}$/, "plain words")
    .optional(),
  kms_key: identSchema.optional().describe("identifier of an aws_kms_key; otherwise aws/secretsmanager"),
  recovery_window_days: z.number().int().min(7).max(30).default(30),
});

export const secretsManagerSecret: RecipeDefinition<typeof params> = {
  id: "secretsmanager-secret",
  title: "Secrets Manager secret",
  description:
    "Secrets Manager secret container with KMS encryption and a recovery window. The value is never written to Terraform; set it out of band.",
  file: "secrets.tf",
  service: "secretsmanager",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    return {
      blocks: [
        resource(
          env,
          "aws_secretsmanager_secret",
          id,
          [
            attr("name", name),
            attr("description", str(p.description ?? `${p.name} (value set outside Terraform)`)),
            ...(p.kms_key === undefined ? [] : [attr("kms_key_id", ref("aws_kms_key", p.kms_key, "arn"))]),
            attr("recovery_window_in_days", num(p.recovery_window_days)),
          ],
          name,
        ),
      ],
      shared: [],
      extraFiles: [],
      notes: [
        p.kms_key === undefined
          ? "encrypted with the AWS managed key aws/secretsmanager"
          : "encrypted with a customer managed KMS key",
        `recovery window ${p.recovery_window_days} days`,
        "no secret value in Terraform or its state: set it with `aws secretsmanager put-secret-value`",
      ],
    };
  },
};
