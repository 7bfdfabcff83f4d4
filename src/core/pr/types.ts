import type { ValidationCheck } from "../terraform/checks.js";
import type { Finding } from "../terraform/types.js";
import type { ExecutableConstruct } from "../terraform/executable/index.js";
import type { AppliedLesson } from "../lessons/types.js";

/** What a change did, as the PR body and the `ask` CLI report it. */
export interface ChangeReport {
  request: string;
  summary: string;
  mode: "recipes" | "generic" | "llm";
  files: { path: string; action: "create" | "modify" }[];
  resources: { type: string; name: string; change: "add" | "remove" }[];
  validation: {
    ok: boolean;
    findings: Finding[];
    skipped: string[];
    checks?: ValidationCheck[];
    /** Code that runs in init/plan/apply/CI which people wrote in the modules the change touches. */
    nearby?: ExecutableConstruct[];
  };
  docsConsulted: { title: string; url: string }[];
  llm: { calls: number; promptTokens: number; completionTokens: number };
  /** Lessons that shaped the change, and those that could not be applied (with why). */
  lessons?: { applied: AppliedLesson[]; skipped: { id: string; reason: string }[] };
  /** The issue the PR closes. */
  closes?: number;
}
