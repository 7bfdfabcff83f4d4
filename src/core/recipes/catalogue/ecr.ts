import { z } from "zod";
import { attr, block, bool, call, list, num, obj, str } from "../hcl/writer.js";
import { awsName, identOf, identSchema, nameSchema, ref, resource } from "../common.js";
import type { RecipeDefinition } from "../types.js";

const params = z.object({
  name: nameSchema,
  keep_images: z.number().int().min(1).max(1000).default(30),
  untagged_expire_days: z.number().int().min(1).max(365).default(14),
  immutable_tags: z.boolean().default(true),
  kms_key: identSchema.optional().describe("identifier of an aws_kms_key; otherwise AES256"),
});

export const ecrRepository: RecipeDefinition<typeof params> = {
  id: "ecr-repository",
  title: "ECR repository",
  description:
    "ECR repository with scan on push, immutable tags, encryption and a lifecycle policy that keeps the last N images.",
  file: "ecr.tf",
  service: "ecr",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    const encryption =
      p.kms_key === undefined
        ? [attr("encryption_type", str("AES256"))]
        : [attr("encryption_type", str("KMS")), attr("kms_key", ref("aws_kms_key", p.kms_key, "arn"))];
    const rules = [
      obj({
        rulePriority: num(1),
        description: str(`Expire untagged images after ${p.untagged_expire_days} days`),
        selection: obj({
          tagStatus: str("untagged"),
          countType: str("sinceImagePushed"),
          countUnit: str("days"),
          countNumber: num(p.untagged_expire_days),
        }),
        action: obj({ type: str("expire") }),
      }),
      obj({
        rulePriority: num(2),
        description: str(`Keep the last ${p.keep_images} images`),
        selection: obj({
          tagStatus: str("any"),
          countType: str("imageCountMoreThan"),
          countNumber: num(p.keep_images),
        }),
        action: obj({ type: str("expire") }),
      }),
    ];
    return {
      blocks: [
        resource(
          env,
          "aws_ecr_repository",
          id,
          [
            attr("name", name),
            attr("image_tag_mutability", str(p.immutable_tags ? "IMMUTABLE" : "MUTABLE")),
            attr("force_delete", bool(false)),
            block("image_scanning_configuration", [], [attr("scan_on_push", bool(true))]),
            block("encryption_configuration", [], encryption),
          ],
          name,
        ),
        resource(env, "aws_ecr_lifecycle_policy", id, [
          attr("repository", ref("aws_ecr_repository", id, "name")),
          attr("policy", call("jsonencode", obj({ rules: list(...rules) }))),
        ]),
      ],
      shared: [],
      extraFiles: [],
      notes: [
        "images scanned on push",
        p.immutable_tags ? "tags are immutable" : "tags are mutable (explicitly requested)",
        p.kms_key === undefined ? "encrypted with AES256" : "encrypted with a customer managed KMS key",
        `lifecycle keeps the last ${p.keep_images} images and expires untagged ones after ${p.untagged_expire_days} days`,
      ],
    };
  },
};
