export type TagStyle = "default_tags" | "per_resource_merge" | "none";

export interface TagConvention {
  /** `default_tags` on the provider, a shared tags value merged into each resource, or nothing to follow. */
  style: TagStyle;
  /** The expression to reuse as written, e.g. `merge(var.tags, { Project = var.project })` or `local.common_tags`. */
  expression?: string;
  /** Tag keys visible in that expression or in the local it names. */
  keys: string[];
  /** True when the expression reads a variable or a local (so new tags go there, not into code). */
  referencesVariableOrLocal: boolean;
}

export type LayoutStyle = "per_service_files" | "single_main" | "per_service_folders";

export interface LayoutConvention {
  style: LayoutStyle;
  /** Where each service's resources already live (service → file), e.g. `{ s3: "s3.tf" }`. */
  serviceFiles: Record<string, string>;
}

export interface RegionConvention {
  kind: "literal" | "variable" | "local" | "expression" | "unset";
  /** `eu-west-1`, `var.region`, `local.region`; null when unset (taken from the environment). */
  value: string | null;
}

/** How this repository writes Terraform, so generated code fits in. Plain data plus `fileForService`. */
export interface Conventions {
  /** The root module these conventions describe (`""` = the scanned directory). */
  root: string;
  tags: TagConvention;
  /** A variable meant to carry tags (`tags`, `common_tags`…), if the repo has one. */
  tagsVariable?: string;
  /** A local meant to carry tags, if the repo has one. */
  tagsLocal?: string;
  /** What resource names start with, as a template: `${local.name_prefix}` or `${var.project}-${var.environment}`. */
  namePrefixExpression?: string;
  /** What follows the prefix in names (`-` almost always). */
  nameSeparator: string;
  layout: LayoutConvention;
  region: RegionConvention;
  providerAliases: Array<{ alias: string; region: string | null }>;
  /** The `hashicorp/aws` requirement of the root, e.g. `{ source: "hashicorp/aws", version: "~> 5.70" }`. */
  awsProvider: { source: string | null; version: string | null } | null;
  requiredVersion: string | null;
  /** The file (relative to the scanned directory) where new resources of `service` (`s3`, `aws_sqs_queue`) belong. */
  fileForService: (service: string) => string;
}
