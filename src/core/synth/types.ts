import type { Item } from "../recipes/hcl/writer.js";
import type { RecipeContext } from "../recipes/index.js";
import type { AwsProviderSchema } from "../terraform/schema/index.js";

/** Constraints the provider checks at `terraform validate` but its schema does not state (see hints.json). */
export interface SynthHints {
  /** type → groups of argument paths of which one must be set (`["records", "alias"]`); the first is chosen. */
  oneOf: Record<string, string[][]>;
  /** type → nested block paths the provider requires although the schema marks them optional. */
  blocks: Record<string, string[]>;
  /** type → `path:n` for blocks that need at least n entries. */
  minItems: Record<string, Record<string, number>>;
}

export interface SynthContext {
  schema: AwsProviderSchema;
  repo: RecipeContext;
  /** The repo's customer-managed KMS key (`aws_kms_key.main`), used for encryption at rest. */
  kmsKey?: string;
  /** Local module directories (relative to the root) and the resource types each wraps. */
  modules?: { name: string; source: string; types: string[] }[];
  hints: SynthHints;
}

/** One resource the change declares, or an addition attached to one the repo already has. */
export interface PlannedResource {
  type: string;
  name: string;
  origin: "requested" | "dependency" | "companion";
  /** Why it is in the plan, in plain words ("asked for: route 53 zone", "aws_route53_record needs a zone"). */
  why: string;
  /** The block body as data; lessons may transform it before rendering. */
  body: Item[];
  /** The file it goes to, relative to the root module. */
  file: string;
  /** Secure defaults and request attributes applied, one line each. */
  notes: string[];
}

export interface PlannedVariable {
  name: string;
  type: string;
  description: string;
  sensitive: boolean;
}

export interface Refusal {
  part: string;
  reason: string;
  alternative: string;
}

/**
 * The change, before any file is written: what was understood, what will be created or reused, what will
 * become a variable, and what was not understood or refused. Rendering is a pure function of this value.
 */
export interface ChangePlan {
  request: string;
  understood: { phrase: string; meaning: string }[];
  create: PlannedResource[];
  reuse: { type: string; name: string; why: string }[];
  variables: PlannedVariable[];
  /** Infrastructure the request names that the plan does not cover. */
  notUnderstood: string[];
  /** Parts the request marks optional ("optionally", "if possible") that were left out. */
  optional: string[];
  refusals: Refusal[];
  /** Data sources the plan reads (`data "aws_availability_zones" "available"`), keyed by reference. */
  data: { type: string; name: string; body: Item[] }[];
}
