import type { ResourceChange } from "./schema.js";
import type { ChangeKind, Risk } from "./types.js";

/** What a risk rule sees of one resource change. */
export interface RiskSubject {
  change: ResourceChange;
  kind: ChangeKind;
  reason?: string;
  replacePaths: string[];
}

export type RiskRule = (subject: RiskSubject) => Risk[];

export function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: unknown): string[] {
  return list(value).filter((item): item is string => typeof item === "string");
}

export const before = (s: RiskSubject) => record(s.change.change.before) ?? {};
export const after = (s: RiskSubject) => record(s.change.change.after) ?? {};

/** True for create, update and replace: the resource exists afterwards with the `after` values. */
export function hasAfter(kind: ChangeKind): boolean {
  return kind === "create" || kind === "update" || kind === "replace";
}
