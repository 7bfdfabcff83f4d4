import { z } from "zod";
import type { Plan, PlanSummary } from "../plan/index.js";

/**
 * One root's drift check, as the Action prints it (one line per root in the job log) and the app reads it.
 * Every field is bounded, so a forged or oversized line can at most fill one issue per root with text.
 */
const address = z.string().min(1).max(300);
const MAX = 100;
const scalar = z.union([z.string().max(256), z.number(), z.boolean(), z.null()]);
export const DriftReportSchema = z
  .object({
    v: z.literal(1),
    root: z
      .string()
      .max(200)
      .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[\w.\-/]{1,200}$/, "a relative directory"),
    sha: z.string().regex(/^[0-9a-f]{40}$/),
    status: z.enum(["clean", "drift", "failed"]),
    counts: z
      .object({
        create: z.number().int().nonnegative(),
        update: z.number().int().nonnegative(),
        delete: z.number().int().nonnegative(),
        replace: z.number().int().nonnegative(),
      })
      .strict(),
    resources: z.array(z.object({ address, actions: z.array(z.string().max(20)).max(3) }).strict()).max(MAX),
    /** Resources left out of `resources` to keep the line bounded. */
    more: z.number().int().nonnegative(),
    /** Tags set outside Terraform that the plan would remove: the code is missing them. */
    tagGaps: z
      .array(z.object({ address, key: z.string().min(1).max(128), value: z.string().max(256) }).strict())
      .max(MAX),
    /**
     * Top-level arguments an in-place update would set back: `live` is what the real resource holds now
     * (changed outside Terraform), `code` what the configuration says. Scalars only; never sensitive values.
     */
    attributes: z
      .array(
        z
          .object({
            address,
            name: z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/),
            live: scalar,
            code: scalar,
          })
          .strict(),
      )
      .max(MAX)
      .optional(),
    error: z.string().max(4000).optional(),
  })
  .strict();

export type DriftReport = z.infer<typeof DriftReportSchema>;

export const DRIFT_LINE_PREFIX = "devops-agent-drift:v1 ";

/** What the Action prints: the prefix and the report as one line of JSON (JSON escapes every newline). */
export function renderDriftLine(report: DriftReport): string {
  return `${DRIFT_LINE_PREFIX}${JSON.stringify(DriftReportSchema.parse(report))}`;
}

/** Reports found in log text (runner timestamps before each line are fine); the last one per root wins. */
export function readDriftLines(text: string, limit = 50): DriftReport[] {
  const byRoot = new Map<string, DriftReport>();
  for (const line of text.split("\n")) {
    const at = line.indexOf(DRIFT_LINE_PREFIX);
    if (at < 0 || line.length > 200_000) continue;
    try {
      const parsed = DriftReportSchema.safeParse(JSON.parse(line.slice(at + DRIFT_LINE_PREFIX.length)));
      if (!parsed.success) continue;
      byRoot.delete(parsed.data.root);
      byRoot.set(parsed.data.root, parsed.data);
    } catch {
      continue;
    }
  }
  return [...byRoot.values()].slice(-limit);
}

/** The report of a root whose plan ran: clean when nothing would change, drift otherwise. */
export function driftReportFor(root: string, sha: string, plan: Plan, summary: PlanSummary): DriftReport {
  const changing = summary.resources.filter((r) => r.actions.some((a) => a !== "no-op" && a !== "read"));
  const c = summary.counts;
  const kept = changing.slice(0, MAX);
  return {
    v: 1,
    root,
    sha,
    status: changing.length > 0 ? "drift" : "clean",
    counts: { create: c.create, update: c.update, delete: c.delete, replace: c.replace },
    resources: kept.map((r) => ({ address: r.address.slice(0, 300), actions: r.actions.slice(0, 3) })),
    more: changing.length - kept.length,
    tagGaps: tagGaps(plan).slice(0, MAX),
    attributes: attributeGaps(plan).slice(0, MAX),
  };
}

export function failedReport(root: string, sha: string, error: string): DriftReport {
  return {
    v: 1,
    root,
    sha,
    status: "failed",
    counts: { create: 0, update: 0, delete: 0, replace: 0 },
    resources: [],
    more: 0,
    tagGaps: [],
    error: error.slice(-4000),
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Tags the real resource has (`before`) that an in-place update would remove or change (`after`): someone set
 * them outside Terraform. Values marked sensitive are never copied.
 */
export function tagGaps(plan: Plan): { address: string; key: string; value: string }[] {
  const out: { address: string; key: string; value: string }[] = [];
  for (const rc of plan.resourceChanges) {
    if (rc.change.actions.join(",") !== "update") continue;
    const before = isObject(rc.change.before) ? rc.change.before.tags : undefined;
    const after = isObject(rc.change.after) ? rc.change.after.tags : undefined;
    const sensitive = isObject(rc.change.before_sensitive) ? rc.change.before_sensitive.tags : undefined;
    if (!isObject(before) || sensitive === true) continue;
    const planned = isObject(after) ? after : {};
    for (const [key, value] of Object.entries(before)) {
      if (typeof value !== "string" || planned[key] === value) continue;
      if (isObject(sensitive) && sensitive[key] === true) continue;
      out.push({ address: rc.address ?? `${rc.type}.${rc.name}`, key, value });
    }
  }
  return out.filter((g) => g.address.length <= 300 && g.key.length <= 128 && g.value.length <= 256);
}

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
const SKIPPED = new Set(["tags", "tags_all", "id", "arn"]);

/**
 * Top-level scalar arguments an in-place update would change: the real value (`before`) differs from the
 * configuration's (`after`). Unknown (computed) and sensitive values are never copied; tags are `tagGaps`.
 */
export function attributeGaps(plan: Plan): { address: string; name: string; live: Scalar; code: Scalar }[] {
  const out: { address: string; name: string; live: Scalar; code: Scalar }[] = [];
  for (const rc of plan.resourceChanges) {
    if (rc.change.actions.join(",") !== "update") continue;
    const { before, after } = rc.change;
    if (!isObject(before) || !isObject(after)) continue;
    const unknown = isObject(rc.change.after_unknown) ? rc.change.after_unknown : {};
    const hidden = [rc.change.before_sensitive, rc.change.after_sensitive];
    if (hidden.some((h) => h === true)) continue;
    for (const [name, code] of Object.entries(after)) {
      const live = before[name];
      if (SKIPPED.has(name) || !isScalar(code) || !isScalar(live) || live === code) continue;
      if (unknown[name] !== undefined && unknown[name] !== false) continue;
      if (hidden.some((h) => isObject(h) && h[name] !== undefined && h[name] !== false)) continue;
      if (!/^[a-z_][a-z0-9_]{0,63}$/.test(name)) continue;
      if ((typeof live === "string" && live.length > 256) || (typeof code === "string" && code.length > 256))
        continue;
      out.push({ address: rc.address ?? `${rc.type}.${rc.name}`, name, live, code });
    }
  }
  return out.filter((g) => g.address.length <= 300);
}
