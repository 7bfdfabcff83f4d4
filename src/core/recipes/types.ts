import { z } from "zod";
import type { Item } from "./hcl/writer.js";

/** `${local.name_prefix}` or `${var.project}-${var.env}`: interpolations of references and safe literal text only. */
const PREFIX_EXPRESSION = /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+\}|[A-Za-z0-9-])+$/;
const REFERENCE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export const resourceRefSchema = z.object({
  type: z
    .string()
    .regex(
      /^(?:data\.)?[a-z][a-z0-9_]*$/,
      "a Terraform type such as aws_s3_bucket or data.aws_caller_identity",
    ),
  name: z.string().regex(IDENTIFIER, "a Terraform identifier"),
});
export type ResourceRef = z.infer<typeof resourceRefSchema>;

/** The repository's conventions, as detected from its Terraform (see core/terraform/conventions). */
export const recipeContextSchema = z.object({
  namePrefixExpression: z
    .string()
    .regex(PREFIX_EXPRESSION, "an interpolation such as ${local.name_prefix}")
    .optional(),
  tags: z.object({
    style: z.enum(["default_tags", "per_resource_merge", "none"]),
    expression: z.string().regex(REFERENCE, "a reference such as local.tags or var.tags").optional(),
  }),
  region: z
    .string()
    .regex(/^[a-z]{2}(?:-[a-z]+)+-\d$/, "an AWS region such as eu-west-1")
    .optional(),
  providerAlias: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, "a provider alias such as us_east_1")
    .optional(),
  fileLayout: z.enum(["per_service", "single_main"]),
  /** Resources and data sources already declared (`data.` prefix for data sources, `variable` for variables). */
  existingResources: z.array(resourceRefSchema),
  /** Where the repo already keeps each service's resources (`{ s3: "storage.tf" }`), relative to the root module. */
  serviceFiles: z
    .record(
      z.string(),
      z.string().regex(/^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_./-]*\.tf$/, "a relative .tf path"),
    )
    .optional(),
  /** Files that exist in the root module, so changes to them are appends rather than creations. */
  existingFiles: z.array(z.string()).optional(),
});
export type RecipeContext = z.infer<typeof recipeContextSchema>;

export interface FileChange {
  path: string;
  content: string;
  mode: "create" | "append";
}

/** What one recipe renders: top-level HCL blocks for its service file, plus any other files (Python). */
export interface RenderedRecipe {
  blocks: Item[];
  /** Blocks several recipes may need (caller identity); the planner keeps one per key. */
  shared: { key: string; ref: ResourceRef; block: Item }[];
  extraFiles: { path: string; content: string }[];
  /** One line per secure default or notable choice, for the summary. */
  notes: string[];
}

/** What a recipe needs from the planner while rendering. */
export interface RenderEnv {
  ctx: RecipeContext;
  /** The reference used for an account-id lookup (`data.aws_caller_identity.<name>`). */
  callerIdentity: string;
}

export interface RecipeDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  title: string;
  description: string;
  /** Where a per-service layout writes this recipe's Terraform, unless the repo already has a file for `service`. */
  file: string;
  /** The service its main resource is filed under (as core/terraform/conventions names them: `s3`, `vpc`, `iam`). */
  service: string;
  params: S;
  /**
   * Parameters an argument value of the recipe's main resource stands for, where the names differ
   * (`message_retention_seconds` → `retention_days`); null when the value has no parameter form. A lesson
   * that sets the argument then shows in the block's notes. Same-named parameters need no entry.
   */
  fromArguments?: Record<string, (value: string | number | boolean) => Record<string, unknown> | null>;
  render(params: z.output<S>, env: RenderEnv): RenderedRecipe;
}

export interface RecipeBlock {
  recipe: string;
  params: Record<string, unknown>;
}

export interface RecipePlan {
  blocks: RecipeBlock[];
  files: FileChange[];
  resources: ResourceRef[];
  summary: string;
  unrecognized: string[];
  questions: string[];
}
