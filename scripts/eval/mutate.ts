// Mutations of a real configuration, one mistake each, of the kinds issue #13 measures. Each returns the
// mutated text, or null when the configuration offers no place for that mistake.
import type { AwsProviderSchema } from "../../src/core/terraform/schema/index.js";

export const MUTATION_KINDS = [
  "undeclared_variable",
  "undeclared_resource",
  "unsupported_attribute",
  "wrong_value_type",
  "block_as_argument",
  "duplicate_resource",
  "unknown_argument",
  "required_argument_removed",
  "conflicting_arguments",
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

interface ResourceBlock {
  type: string;
  name: string;
  start: number;
  end: number;
}

/** Top-level `resource "t" "n" {` blocks, by line range (the closing `}` at column 0). */
function resources(lines: string[]): ResourceBlock[] {
  const out: ResourceBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^resource\s+"(aws_[\w]+)"\s+"([\w-]+)"\s*\{\s*$/.exec(lines[i] ?? "");
    if (match === null) continue;
    const end = lines.findIndex((l, j) => j > i && /^\}\s*$/.test(l));
    if (end === -1) continue;
    out.push({ type: match[1] as string, name: match[2] as string, start: i, end });
  }
  return out;
}

/** Lines directly inside a resource (two-space indent), with the attribute or block name they start. */
function topLines(lines: string[], r: ResourceBlock): { index: number; name: string; rest: string }[] {
  const out: { index: number; name: string; rest: string }[] = [];
  for (let i = r.start + 1; i < r.end; i++) {
    const match = /^ {2}([a-z_][\w]*)\s*(.*)$/.exec(lines[i] ?? "");
    if (match !== null) out.push({ index: i, name: match[1] as string, rest: match[2] as string });
  }
  return out;
}

export function mutate(text: string, kind: MutationKind, schema: AwsProviderSchema): string | null {
  const lines = text.split("\n");
  const all = resources(lines);
  const first = all[0];
  if (first === undefined) return null;
  const insert = (at: number, line: string): string =>
    [...lines.slice(0, at), line, ...lines.slice(at)].join("\n");
  switch (kind) {
    case "undeclared_variable":
      for (const r of all)
        for (const line of topLines(lines, r))
          if (/^=\s*"[^"$]*"\s*$/.test(line.rest)) {
            lines[line.index] = `  ${line.name} = var.eval_undeclared`;
            return lines.join("\n");
          }
      return `${text}\n\noutput "eval_probe" {\n  value = var.eval_undeclared\n}\n`;
    case "undeclared_resource": {
      // A real reference pointed at a name that is not declared, as a typo or a removed block leaves it.
      const reference = /= (aws_[a-z0-9_]+)\.([\w-]+)\.([a-z_]+)/.exec(text);
      if (reference !== null)
        return text.replace(reference[0], `= ${reference[1]}.${reference[2]}_gone.${reference[3]}`);
      return insert(first.end, "  depends_on = [aws_s3_bucket.eval_undeclared_bucket]");
    }
    case "unsupported_attribute":
      return `${text}\n\noutput "eval_probe" {\n  value = ${first.type}.${first.name}.eval_no_such_attribute\n}\n`;
    case "unknown_argument":
      return insert(first.start + 1, '  eval_unknown_argument = "x"');
    case "duplicate_resource":
      return `${text}\n\n${lines.slice(first.start, first.end + 1).join("\n")}\n`;
    case "wrong_value_type":
      for (const r of all) {
        const schemaType = schema.resource(r.type);
        for (const line of topLines(lines, r)) {
          const type = schemaType?.attributes.get(line.name)?.type;
          if (type === "string" && /^=\s*"[^"$]*"\s*$/.test(line.rest)) {
            lines[line.index] = `  ${line.name} = ["eval", "list"]`;
            return lines.join("\n");
          }
        }
      }
      return null;
    case "block_as_argument":
      for (const r of all) {
        const schemaType = schema.resource(r.type);
        for (const line of topLines(lines, r))
          if (line.rest === "{" && schemaType?.blocks.has(line.name) === true) {
            lines[line.index] = `  ${line.name} = {`;
            return lines.join("\n");
          }
      }
      return null;
    case "conflicting_arguments":
      return addConflicting(lines, all, schema);
    case "required_argument_removed":
      for (const r of all) {
        const schemaType = schema.resource(r.type);
        for (const line of topLines(lines, r))
          if (schemaType?.attributes.get(line.name)?.required === true && /^=\s*[^{[(<]*$/.test(line.rest)) {
            lines.splice(line.index, 1);
            return lines.join("\n");
          }
      }
      return null;
  }
}

/** A plausible literal for an argument of this type, or null for types with no obvious one. */
function plausible(type: string): string | null {
  if (type === "string") return '"eval-conflict"';
  if (type === "number") return "1";
  if (type === "bool") return "true";
  if (/^(list|set)\((string|number)\)$/.test(type))
    return type.includes("string") ? '["eval-conflict"]' : "[1]";
  if (type === "map(string)") return '{ eval = "conflict" }';
  return null;
}

/**
 * An argument the provider says conflicts with one the resource already sets (ConflictsWith, or another
 * member of an ExactlyOneOf), added with a plausible value. Literal partners first: terraform only judges
 * a conflict when both values are known, so those are the mistakes it catches.
 */
function addConflicting(lines: string[], all: ResourceBlock[], schema: AwsProviderSchema): string | null {
  const candidates: { at: number; line: string; literal: boolean }[] = [];
  for (const r of all) {
    const type = schema.resource(r.type);
    const present = new Map(topLines(lines, r).map((l) => [l.name, l]));
    for (const c of type?.constraints ?? []) {
      if (c.kind !== "conflicts" && c.kind !== "exactly_one_of") continue;
      const own = c.path.length === 1 ? present.get(c.path[0] as string) : undefined;
      // A one-line value only: the new line goes right after it.
      if (own === undefined || !/^=.*[^[{(\s]\s*$/.test(own.rest) || own.rest.includes("<<")) continue;
      for (const other of c.others) {
        const name = other[0] as string;
        const attribute = other.length === 1 ? type?.attributes.get(name) : undefined;
        const value = attribute === undefined || attribute.deprecated ? null : plausible(attribute.type);
        if (value === null || present.has(name)) continue;
        const literal = /^=\s*("[^"$]*"|-?\d+(\.\d+)?|true|false)\s*$/.test(own.rest);
        candidates.push({ at: own.index + 1, line: `  ${name} = ${value}`, literal });
      }
    }
  }
  const pick = candidates.find((c) => c.literal) ?? candidates[0];
  if (pick === undefined) return null;
  return [...lines.slice(0, pick.at), pick.line, ...lines.slice(pick.at)].join("\n");
}
