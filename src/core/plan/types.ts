import type { AttributeChange } from "./diff.js";
import type { PlanAction } from "./schema.js";

/** What happens to a resource; `replace` is `["delete","create"]` or `["create","delete"]`. */
export type ChangeKind = "create" | "update" | "delete" | "replace" | "read" | "noop" | "forget";

export interface ResourceSummary {
  address: string;
  type: string;
  name: string;
  mode: string;
  /** Module address (`module.network`), "" for the root module. */
  module: string;
  actions: PlanAction[];
  kind: ChangeKind;
  /** Terraform's `action_reason`, and the same in words. */
  actionReason?: string;
  reason?: string;
  /** Attributes that force a replacement (`replace_paths`), as `a.b[0]` paths. */
  replacePaths: string[];
  importing: boolean;
  importId?: string;
  previousAddress?: string;
  /** Set for a deposed object (left by a failed create_before_destroy). */
  deposed?: string;
  /** True when the old object is removed from state without being destroyed. */
  forget: boolean;
  /** Attribute paths marked sensitive, never their values. */
  sensitive: string[];
  /** Attribute-level changes, computed on demand (a big plan renders only what fits). */
  changes: () => AttributeChange[];
}

export type RiskKind = "delete" | "replace" | "stateful" | "iam" | "public-ingress" | "s3-public";

/** critical: data loss, admin/wildcard grants, public exposure; high: other destroys and replacements. */
export type RiskSeverity = "critical" | "high" | "info";

export interface Risk {
  address: string;
  kind: RiskKind;
  severity: RiskSeverity;
  reason: string;
}

export interface PlanCounts {
  create: number;
  update: number;
  delete: number;
  replace: number;
  noop: number;
  read: number;
  forget: number;
  import: number;
  move: number;
}

export interface OutputSummary {
  name: string;
  actions: PlanAction[];
  kind: ChangeKind;
  sensitive: boolean;
  changes: () => AttributeChange[];
}

export interface DeferredSummary {
  address: string;
  type: string;
  actions: PlanAction[];
  kind: ChangeKind;
  reason: string;
}

export interface PlanSummary {
  formatVersion: string;
  /** What `terraform_version` holds: Terraform's version, or OpenTofu's when `tool` says OpenTofu wrote it. */
  terraformVersion?: string;
  /**
   * Which program wrote the plan. OpenTofu writes the same JSON format (its version in `terraform_version`);
   * its providers come from registry.opentofu.org, which is how a plan file tells.
   */
  tool?: "terraform" | "opentofu";
  counts: PlanCounts;
  /** Every resource that changes, moves or is imported; unchanged ones are only counted. */
  resources: ResourceSummary[];
  /** `address.path` of every sensitive attribute, and `output.NAME` of sensitive outputs. */
  sensitive: string[];
  risks: Risk[];
  /** Resources changed outside of Terraform (`resource_drift`). */
  drift: ResourceSummary[];
  /** Outputs that change. */
  outputs: OutputSummary[];
  deferred: DeferredSummary[];
  /** What the summary could not use and the reader should know; shown above the footer. */
  notes?: string[];
}
