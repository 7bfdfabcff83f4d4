/**
 * The on-disk shape of the bundled AWS provider schema. Short keys keep the committed file small;
 * `loader.ts` turns it into the friendlier `AwsProviderSchema` view.
 */

/**
 * Attribute type in Terraform's notation; a leading `!` marks a required attribute, then a `~` one the
 * provider deprecates (`!~string`, `~number`).
 */
export type RawAttribute = string;

export interface RawBlock {
  /** Arguments (attributes) by snake_case name. */
  a?: Record<string, RawAttribute>;
  /** Nested blocks by snake_case name. */
  b?: Record<string, RawNestedBlock>;
}

export interface RawNestedBlock extends RawBlock {
  /** Nesting: `s` a single block (at most one), `l` a repeatable block. */
  n: "s" | "l";
  /** Present when at least one such block is required. */
  r?: 1;
  /** Present when the provider leaves the block's content untyped, so it cannot be checked. */
  x?: 1;
  /** min_items when above 1 (`r` already says 1). */
  m?: number;
  /** max_items of a repeatable block, when the provider sets one. */
  M?: number;
  /** Present when the provider deprecates the block. */
  d?: 1;
}

export interface RawTypeSchema extends RawBlock {
  /** Doc page path under `docsBase`, only when it differs from the one derived from the type name. */
  u?: string;
  /** Computed-only attributes (set by the provider, readable, never settable), snake_cased from jsii. */
  c?: string[];
  /** Present when the provider deprecates the whole type. */
  d?: 1;
}

export interface SchemaSource {
  /** What the schema was read from: `terraform providers schema -json` or a @cdktf/provider-aws assembly. */
  package: string;
  /** That package's version, or the terraform version that printed the schema. */
  packageVersion: string;
  provider: string;
  providerVersion: string;
}

export interface SchemaFile {
  format: 1 | 2;
  source: SchemaSource;
  /** e.g. https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs */
  docsBase: string;
  /** The `provider "aws" {}` block's own arguments (region, default_tags, assume_role, ...). */
  provider: RawBlock;
  resources: Record<string, RawTypeSchema>;
  dataSources: Record<string, RawTypeSchema>;
}

/** The doc page path Terraform's registry uses for a type, e.g. `resources/s3_bucket`. */
export function defaultDocPath(kind: "resource" | "data", type: string): string {
  const folder = kind === "resource" ? "resources" : "data-sources";
  return `${folder}/${type.replace(/^aws_/, "")}`;
}
