import { attributeChanges } from "./diff.js";
import { describeActionReason, describeDeferral } from "./reasons.js";
import { rankRisks, risksOf } from "./risk.js";
import type { Plan, PlanAction, ResourceChange } from "./schema.js";
import type { ChangeKind, PlanCounts, PlanSummary, ResourceSummary } from "./types.js";
import { combinedMask, providerSensitiveAttributes, type SensitiveAttributes } from "./sensitive.js";
import { formatPath, joinPath, sensitivePaths } from "./values.js";

export interface SummarizeOptions {
  /** Attributes the provider schema marks sensitive; default: the bundled AWS provider's list. */
  sensitiveAttributes?: SensitiveAttributes;
}

/** Classifies an action list (already validated by the parser) the way Terraform counts it. */
export function kindOf(actions: readonly PlanAction[], mode = "managed"): ChangeKind {
  const key = actions.join(",");
  if (mode !== "managed") return key === "read" ? "read" : "noop";
  if (key === "delete,create" || key === "create,delete") return "replace";
  if (key === "create,forget" || key === "forget,create") return "create";
  if (key === "no-op") return "noop";
  return key as ChangeKind;
}

export function summarizeResource(
  rc: ResourceChange,
  sensitiveAttributes: SensitiveAttributes = providerSensitiveAttributes,
): ResourceSummary {
  const { change } = rc;
  const replacePaths = (change.replace_paths ?? []).map(formatPath);
  const schemaSensitive = sensitiveAttributes(rc.type, rc.mode);
  const summary: ResourceSummary = {
    address: rc.address,
    type: rc.type,
    name: rc.name,
    mode: rc.mode,
    module: rc.module_address ?? "",
    actions: change.actions,
    kind: kindOf(change.actions, rc.mode),
    replacePaths,
    importing: change.importing !== undefined && change.importing !== null,
    forget: change.actions.includes("forget"),
    sensitive: [...new Set(sensitivePaths(combinedMask(change, schemaSensitive)))],
    changes: () => attributeChanges(change, replacePaths, schemaSensitive),
  };
  if (rc.action_reason !== undefined) {
    summary.actionReason = rc.action_reason;
    summary.reason = describeActionReason(rc.action_reason);
  }
  if (change.importing?.id !== undefined) summary.importId = change.importing.id;
  if (rc.previous_address !== undefined && rc.previous_address !== rc.address) {
    summary.previousAddress = rc.previous_address;
  }
  if (rc.deposed !== undefined) summary.deposed = rc.deposed;
  return summary;
}

function emptyCounts(): PlanCounts {
  return { create: 0, update: 0, delete: 0, replace: 0, noop: 0, read: 0, forget: 0, import: 0, move: 0 };
}

/** Counts, resources, risks, sensitive paths, drift, outputs and deferred changes of a parsed plan. */
export function summarizePlan(plan: Plan, options: SummarizeOptions = {}): PlanSummary {
  const lookup = options.sensitiveAttributes ?? providerSensitiveAttributes;
  const summarize = (rc: ResourceChange) => summarizeResource(rc, lookup);
  const counts = emptyCounts();
  const summary: PlanSummary = {
    formatVersion: plan.formatVersion,
    counts,
    resources: [],
    sensitive: [],
    risks: [],
    drift: plan.resourceDrift.map(summarize),
    outputs: [],
    deferred: [],
  };
  if (plan.terraformVersion !== undefined) summary.terraformVersion = plan.terraformVersion;
  summary.tool = [...plan.resourceChanges, ...plan.resourceDrift].some((rc) =>
    rc.provider_name?.startsWith("registry.opentofu.org/"),
  )
    ? "opentofu"
    : "terraform";
  if (plan.notes !== undefined && plan.notes.length > 0) summary.notes = [...plan.notes];
  for (const rc of plan.resourceChanges) {
    const resource = summarize(rc);
    counts[resource.kind] += 1;
    if (resource.forget && resource.kind !== "forget") counts.forget += 1;
    if (resource.importing) counts.import += 1;
    if (resource.previousAddress !== undefined) counts.move += 1;
    for (const path of resource.sensitive) summary.sensitive.push(joinPath(rc.address, path));
    if (resource.kind === "noop" && !resource.importing && resource.previousAddress === undefined) continue;
    summary.resources.push(resource);
    summary.risks.push(
      ...risksOf({
        change: rc,
        kind: resource.kind,
        replacePaths: resource.replacePaths,
        ...reasonOf(resource),
      }),
    );
  }
  for (const [name, change] of Object.entries(plan.outputChanges)) {
    const sensitive = change.before_sensitive === true || change.after_sensitive === true;
    const paths = new Set(sensitivePaths(combinedMask(change)));
    for (const path of paths) summary.sensitive.push(joinPath(`output.${name}`, path));
    const kind = kindOf(change.actions);
    if (kind === "noop") continue;
    summary.outputs.push({
      name,
      actions: change.actions,
      kind,
      sensitive,
      changes: () => attributeChanges(change),
    });
  }
  summary.risks = rankRisks(summary.risks);
  summary.deferred = plan.deferredChanges.map(({ reason, resource_change: rc }) => ({
    address: rc.address,
    type: rc.type,
    actions: rc.change.actions,
    kind: kindOf(rc.change.actions, rc.mode),
    reason: describeDeferral(reason),
  }));
  return summary;
}

function reasonOf(resource: ResourceSummary): { reason?: string } {
  return resource.reason === undefined ? {} : { reason: resource.reason };
}
