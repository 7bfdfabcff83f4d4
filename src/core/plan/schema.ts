import { z } from "zod";
import { completeNaming } from "./address.js";

/**
 * The parts of Terraform's JSON plan format (https://developer.hashicorp.com/terraform/internals/json-format)
 * that the summary relies on. Objects are not strict: a newer minor format may add members, and those are
 * ignored as the format asks.
 */
export const PLAN_ACTIONS = ["no-op", "create", "read", "update", "delete", "forget"] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

const action = z.enum(PLAN_ACTIONS, {
  error: (issue) => `unsupported action ${JSON.stringify(issue.input)} (a newer Terraform?)`,
});

/** An attribute path: object keys and list/map indexes, as in `replace_paths`. */
export const attributePath = z.array(z.union([z.string(), z.number()]));
export type AttributePath = z.infer<typeof attributePath>;

/** The action lists Terraform writes; "create,forget" and "forget,create" replace an object whose old copy is kept (destroy = false). */
export const ACTION_COMBINATIONS = new Set([
  "no-op",
  "create",
  "read",
  "update",
  "delete",
  "forget",
  "delete,create",
  "create,delete",
  "create,forget",
  "forget,create",
]);

const actions = z
  .array(action)
  .min(1, "expected at least one action")
  .refine((list) => ACTION_COMBINATIONS.has(list.join(",")), {
    error: (issue) => `unsupported action combination ${JSON.stringify(issue.input)}`,
  });

export const changeSchema = z.object({
  actions,
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  after_unknown: z.unknown().optional(),
  before_sensitive: z.unknown().optional(),
  after_sensitive: z.unknown().optional(),
  replace_paths: z.array(attributePath).optional(),
  importing: z.object({ id: z.string().optional(), unknown: z.boolean().optional() }).nullable().optional(),
  generated_config: z.string().optional(),
});
export type Change = z.infer<typeof changeSchema>;

/**
 * A resource change as written. Only `change.actions` and a way to name the resource are required:
 * Terraform 1.0.x wrote `resource_drift` entries without `address`, and other writers (OpenTofu, older
 * releases) differ in which naming members they include, so the address is rebuilt from its parts
 * (see address.ts) and the parts from the address.
 */
const rawResourceChange = z.object({
  address: z.string().min(1).optional(),
  previous_address: z.string().optional(),
  module_address: z.string().optional(),
  mode: z.string().optional(),
  type: z.string().min(1).optional(),
  name: z.string().optional(),
  index: z.union([z.string(), z.number()]).nullable().optional(),
  provider_name: z.string().optional(),
  deposed: z.string().optional(),
  action_reason: z.string().optional(),
  change: changeSchema,
});

export const resourceChangeSchema = rawResourceChange.transform((rc, ctx) => {
  const named = completeNaming(rc);
  if (named === undefined) {
    ctx.addIssue({ code: "custom", message: "no address, and no type and name to rebuild it from" });
    return z.NEVER;
  }
  return { ...rc, ...named };
});
export type ResourceChange = z.output<typeof resourceChangeSchema>;

export const outputChangeSchema = changeSchema.pick({
  actions: true,
  before: true,
  after: true,
  after_unknown: true,
  before_sensitive: true,
  after_sensitive: true,
});
export type OutputChange = z.infer<typeof outputChangeSchema>;

export const deferredChangeSchema = z.object({
  reason: z.string(),
  resource_change: resourceChangeSchema,
});
export type DeferredChange = z.infer<typeof deferredChangeSchema>;

/** The sections of a plan the summary reads, each parsed on its own so a failure names the section. */
export const sectionSchemas = {
  format_version: z.string().regex(/^\d+\.\d+$/, 'expected a version like "1.2"'),
  terraform_version: z.string(),
  errored: z.boolean(),
  resource_changes: z.array(resourceChangeSchema),
  // Each entry is read on its own (parse.ts): drift is information, and one odd entry must not cost the summary.
  resource_drift: z.array(z.unknown()),
  output_changes: z.record(z.string(), outputChangeSchema),
  deferred_changes: z.array(deferredChangeSchema),
} as const;

export type SectionName = keyof typeof sectionSchemas;

/** A parsed plan: only what the summary needs, with absent sections made empty. */
export interface Plan {
  formatVersion: string;
  terraformVersion?: string;
  resourceChanges: ResourceChange[];
  resourceDrift: ResourceChange[];
  outputChanges: Record<string, OutputChange>;
  deferredChanges: DeferredChange[];
  /** What the summary could not use and the reader should know (e.g. drift entries it could not read). */
  notes?: string[];
}
