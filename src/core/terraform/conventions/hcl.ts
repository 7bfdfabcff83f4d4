import { pureExpression } from "../inventory/expressions.js";

/** Renders a parsed value back as an HCL expression, the way a person would write it. */
export function toHcl(value: unknown): string {
  const expression = pureExpression(value);
  if (expression !== null) return expression;
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toHcl).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${hclKey(key)} = ${toHcl(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return String(value);
}

function hclKey(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
}

/** Keys assigned in object literals inside an expression: `merge(var.tags, { Team = "x" })` → `Team`. */
export function objectKeys(value: unknown): string[] {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return Object.keys(value);
  const expression = pureExpression(value);
  if (expression === null) return [];
  const keys = [...expression.matchAll(/([A-Za-z_][\w-]*|"[^"\n]+")\s*(?<![=!<>])=(?![=>])/g)].map((match) =>
    (match[1] ?? "").replace(/^"|"$/g, ""),
  );
  return [...new Set(keys)];
}
