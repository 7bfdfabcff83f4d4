/** The AWS provider schema as the validator and the docs feature see it. */
import type { ArgumentConstraint } from "./constraints.js";

export interface AttributeSchema {
  name: string;
  required: boolean;
  /** Terraform type notation: string, number, bool, list(string), map(string), object, list(object), any. */
  type: string;
  /**
   * True for object-typed attributes. The provider accepts some of them in block syntax too
   * (`ingress { ... }` on aws_security_group), and the assembly does not say which, so both are allowed.
   */
  objectTyped: boolean;
  /** The provider deprecates it: setting it is a warning, not an error. */
  deprecated: boolean;
}

export interface BlockSchema {
  attributes: ReadonlyMap<string, AttributeSchema>;
  blocks: ReadonlyMap<string, NestedBlockSchema>;
}

export interface NestedBlockSchema extends BlockSchema {
  name: string;
  /** `single`: at most one block; `list`: repeatable (lists and sets look the same in the assembly). */
  nesting: "single" | "list";
  required: boolean;
  minItems: number;
  maxItems: number | undefined;
  /** The provider leaves the content untyped, so its arguments cannot be checked. */
  opaque: boolean;
  deprecated: boolean;
}

export interface TypeSchema extends BlockSchema {
  type: string;
  kind: "resource" | "data";
  docUrl: string;
  /** Attributes the provider computes and the user cannot set (`arn`, `id` on some types), snake_case. */
  computed: readonly string[];
  /** The provider deprecates the whole type. */
  deprecated: boolean;
  /** Cross-argument rules from the provider's source (none when this line has no constraint table). */
  constraints?: readonly ArgumentConstraint[];
}

export interface SchemaVersion {
  package: string;
  packageVersion: string;
  provider: string;
  providerVersion: string;
}

export interface AwsProviderSchema {
  version: SchemaVersion;
  /** Where the cross-argument rules come from (the provider source version read), or null: none applied. */
  constraintSource?: { providerVersion: string; commit: string | null } | null;
  resource(type: string): TypeSchema | undefined;
  dataSource(type: string): TypeSchema | undefined;
  /** Arguments and blocks of `provider "aws" {}` itself. */
  provider(): BlockSchema;
  resourceTypes(): readonly string[];
  dataSourceTypes(): readonly string[];
}
