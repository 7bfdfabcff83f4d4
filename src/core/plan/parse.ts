import type { z } from "zod";
import { redact } from "../redact/index.js";
import { toUtf8 } from "./decode.js";
import { PlanParseError } from "./errors.js";
import { scanTopLevel } from "./scan.js";
import {
  type Plan,
  type ResourceChange,
  type SectionName,
  resourceChangeSchema,
  sectionSchemas,
} from "./schema.js";

export interface ParseOptions {
  /** Largest section (in bytes) to materialise; larger ones are refused instead of exhausting memory. */
  maxSectionBytes?: number;
}

/** Reads one top-level member: `has` tells presence, `get` materialises its value. */
interface Members {
  has(key: string): boolean;
  get(key: string): unknown;
}

/**
 * Parses `terraform show -json` output (format 0.1 through 1.x) from bytes, text or an already parsed value.
 * Throws PlanParseError with a one-line reason for anything that is not a usable plan.
 */
export function parsePlan(input: unknown, options: ParseOptions = {}): Plan {
  return readPlan(members(input, options));
}

function members(input: unknown, options: ParseOptions): Members {
  if (typeof input === "string") return bufferMembers(Buffer.from(input.replace(/^\uFEFF/, "")), options);
  if (input instanceof Uint8Array) return bufferMembers(toUtf8(input), options);
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new PlanParseError("not a Terraform plan: expected a JSON object");
  }
  const record = input as Record<string, unknown>;
  return { has: (key) => record[key] !== undefined, get: (key) => record[key] };
}

function bufferMembers(bytes: Buffer, options: ParseOptions): Members {
  const spans = scanTopLevel(bytes);
  const limit = options.maxSectionBytes ?? Number.POSITIVE_INFINITY;
  const parsed = new Map<string, unknown>();
  return {
    has: (key) => spans.has(key),
    get: (key) => {
      if (parsed.has(key)) return parsed.get(key);
      const span = spans.get(key);
      if (!span) return undefined;
      const size = span.end - span.start;
      if (size > limit) {
        throw new PlanParseError(
          `the plan's ${key} section is ${mib(size)}, more than this process can hold (${mib(limit)}); ` +
            "raise the memory limit (NODE_OPTIONS=--max-old-space-size=...)",
        );
      }
      const value = parseJson(bytes, span.start, span.end, key);
      parsed.set(key, value);
      return value;
    },
  };
}

function parseJson(bytes: Buffer, start: number, end: number, key: string): unknown {
  let text: string;
  try {
    text = bytes.toString("utf8", start, end);
  } catch {
    throw new PlanParseError(`the plan's ${key} section (${mib(end - start)}) is too large to read`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 120) : "invalid JSON";
    throw new PlanParseError(`not JSON: invalid ${key} section (${redact(reason)})`);
  }
}

function readPlan(m: Members): Plan {
  if (!m.has("format_version")) throw new PlanParseError(`not a Terraform plan: ${whatIsIt(m)}`);
  const formatVersion = section(m, "format_version");
  const major = Number(formatVersion.split(".")[0]);
  if (major > 1) {
    throw new PlanParseError(
      `unsupported plan format_version ${formatVersion}: this tool reads 0.1 through 1.x`,
    );
  }
  if (!m.has("planned_values") && !m.has("resource_changes") && !m.has("output_changes")) {
    const hint = m.has("values") ? "this is a state file; pass a plan: terraform show -json tfplan" : "";
    throw new PlanParseError(
      `not a Terraform plan: no planned_values or resource_changes${hint && `; ${hint}`}`,
    );
  }
  if (m.has("errored") && section(m, "errored")) {
    throw new PlanParseError(
      "the plan comes from a failed terraform run (errored: true); fix the errors it reported and plan again",
    );
  }
  const drift = readDrift(optionalSection(m, "resource_drift") ?? []);
  const plan: Plan = {
    formatVersion,
    resourceChanges: optionalSection(m, "resource_changes") ?? [],
    resourceDrift: drift.entries,
    outputChanges: optionalSection(m, "output_changes") ?? {},
    deferredChanges: optionalSection(m, "deferred_changes") ?? [],
  };
  if (drift.unreadable > 0) {
    plan.notes = [
      `${drift.unreadable} of ${drift.unreadable + drift.entries.length} resource_drift entries could not be read and are not listed (${drift.reason}).`,
    ];
  }
  const terraformVersion = optionalSection(m, "terraform_version");
  if (terraformVersion !== undefined) plan.terraformVersion = terraformVersion;
  return plan;
}

function readDrift(raw: unknown[]): { entries: ResourceChange[]; unreadable: number; reason: string } {
  const entries: ResourceChange[] = [];
  let unreadable = 0;
  let reason = "";
  for (const item of raw) {
    const result = resourceChangeSchema.safeParse(item);
    if (result.success) {
      entries.push(result.data);
      continue;
    }
    unreadable += 1;
    reason ||= redact(result.error.issues[0]?.message ?? "invalid");
  }
  return { entries, unreadable, reason };
}

function whatIsIt(m: Members): string {
  if (m.has("@level") || m.has("@message")) {
    return "this is `terraform plan -json` log output; save the plan with -out and run terraform show -json";
  }
  if (m.has("valid") && m.has("diagnostics")) return "this is `terraform validate -json` output";
  return "no format_version member";
}

type SectionValue<K extends SectionName> = z.infer<(typeof sectionSchemas)[K]>;

function optionalSection<K extends SectionName>(m: Members, key: K): SectionValue<K> | undefined {
  // Terraform writes null for an empty section in some versions.
  if (!m.has(key) || m.get(key) === null) return undefined;
  return section(m, key);
}

function section<K extends SectionName>(m: Members, key: K): SectionValue<K> {
  const result = sectionSchemas[key].safeParse(m.get(key));
  if (result.success) return result.data as SectionValue<K>;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  throw new PlanParseError(
    `not a valid Terraform plan: ${key}${path}: ${redact(issue?.message ?? "invalid")}`,
  );
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}
