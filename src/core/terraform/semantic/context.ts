import type { AwsProviderSchema } from "../schema/index.js";
import type { Finding } from "../types.js";
import { closestName } from "../validate/suggest.js";
import type { ModuleDeclarations } from "./declarations.js";

/** Everything a semantic check needs: the module, its siblings (for local module calls), the schema. */
export interface SemanticContext {
  module: ModuleDeclarations;
  modules: ReadonlyMap<string, ModuleDeclarations>;
  schema: AwsProviderSchema;
  findings: Finding[];
}

/** The 1-based line of the first `needle` at or after `fromLine` in `content`; `fromLine` when absent. */
export function lineOf(content: string, needle: string, fromLine: number | null): number | null {
  const lines = content.split("\n");
  const start = Math.max(0, (fromLine ?? 1) - 1);
  for (let i = start; i < lines.length; i++) if (lines[i]?.includes(needle)) return i + 1;
  return fromLine;
}

export function report(
  ctx: SemanticContext,
  file: string,
  line: number | null,
  code: string,
  message: string,
  suggestion: string | null = null,
  severity: Finding["severity"] = "error",
): void {
  ctx.findings.push({ file, line, severity, code, message, suggestion });
}

export function didYouMean(
  name: string,
  candidates: Iterable<string>,
): { hint: string; name: string | null } {
  const suggestion = closestName(name, candidates);
  return { hint: suggestion ? ` — did you mean "${suggestion}"?` : "", name: suggestion };
}
