/**
 * The on-disk shape of the bundled AWS provider schema. Short keys keep the committed file small;
 * `loader.ts` turns it into the friendlier `AwsProviderSchema` view.
 */

/** Attribute type in Terraform's notation; a leading `!` marks a required attribute. */
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
}

export interface RawTypeSchema extends RawBlock {
  /** Doc page path under `docsBase`, only when it differs from the one derived from the type name. */
  u?: string;
  /** Computed-only attributes (set by the provider, readable, never settable), snake_cased from jsii. */
  c?: string[];
}

export interface SchemaSource {
  package: string;
  packageVersion: string;
  provider: string;
  providerVersion: string;
}

export interface SchemaFile {
  format: 1;
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
