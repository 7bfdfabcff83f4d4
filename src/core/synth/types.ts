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
  /** The repo's local modules (relative to the root): requested resources of a type one wraps call it. */
  modules?: LocalModule[];
  hints: SynthHints;
}

/** A local module of the repository: its source, the resource types it declares, its input variables. */
export interface LocalModule {
  source: string;
  types: string[];
  variables: { name: string; type: string | null; description: string | null; required: boolean }[];
}

/** A call of one of the repo's local modules, in place of a resource the request asks for. */
export interface PlannedModule {
  name: string;
  source: string;
  /** The resource type it provides. */
  wraps: string;
  why: string;
  body: Item[];
  notes: string[];
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
  /** Calls of the repo's local modules, in place of requested resources of the types they wrap. */
  modules: PlannedModule[];
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
