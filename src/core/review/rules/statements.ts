import { blocks, stringList } from "../values.js";

/** One policy statement, reduced to what the IAM rules judge. */
export interface Statement {
  effect: "Allow" | "Deny";
  actions: string[];
  notAction: boolean;
  resources: string[];
  /** The principal is `*` (or `AWS = "*"`). */
  anyone: boolean;
  conditioned: boolean;
}

/**
 * Statements of a policy written as an attribute value: a JSON string, a heredoc, or `jsonencode({...})`
 * (which hcl2json hands over as source text). A small bracket scanner finds each statement so an
 * `Effect = "Deny"` applies to its own statement only; values that are expressions simply do not match.
 */
export function statementsInText(value: unknown): Statement[] {
  if (typeof value !== "string") return [];
  const key = /"?Statement"?\s*[=:]\s*/.exec(value);
  if (!key) return [];
  const start = key.index + key[0].length;
  const open = value[start];
  if (open === "{") return [parseStatement(value.slice(start, closing(value, start) + 1))];
  if (open !== "[") return [];
  const end = closing(value, start);
  const out: Statement[] = [];
  for (let i = start + 1; i < end; i++) {
    if (value[i] === '"') i = stringEnd(value, i);
    else if (value[i] === "{") {
      const close = closing(value, i);
      out.push(parseStatement(value.slice(i, close + 1)));
      i = close;
    }
  }
  return out;
}

/** Statements of a `data "aws_iam_policy_document"` block. */
export function statementsInDocument(body: Record<string, unknown>): Statement[] {
  return blocks(body.statement).map((s) => ({
    effect: s.effect === "Deny" ? "Deny" : "Allow",
    actions: stringList(s.actions),
    notAction: s.not_actions !== undefined,
    resources: stringList(s.resources),
    anyone: blocks(s.principals).some(
      (p) => (p.type === "*" || p.type === "AWS") && stringList(p.identifiers).includes("*"),
    ),
    conditioned: s.condition !== undefined,
  }));
}

function parseStatement(text: string): Statement {
  const principal = /(?<![A-Za-z])"?Principal"?\s*[=:]\s*("\*"|\{[^}]*\})/.exec(text)?.[1] ?? "";
  return {
    effect: /"?Effect"?\s*[=:]\s*"Deny"/.test(text) ? "Deny" : "Allow",
    actions: valuesOf(text, "Action"),
    notAction: /(?<![A-Za-z])"?NotAction"?\s*[=:]/.test(text),
    resources: valuesOf(text, "Resource"),
    anyone: principal === '"*"' || /"?AWS"?\s*[=:]\s*(\[\s*)?"\*"/.test(principal),
    conditioned: /(?<![A-Za-z])"?Condition"?\s*[=:]/.test(text),
  };
}

function valuesOf(text: string, key: string): string[] {
  const match = new RegExp(`(?<![A-Za-z])"?${key}"?\\s*[=:]\\s*(\\[[^\\]]*\\]|"(?:[^"\\\\]|\\\\.)*")`).exec(
    text,
  );
  if (!match?.[1]) return [];
  return [...match[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "");
}

/** Index of the bracket closing the one at `start`, skipping strings; the text's end if unbalanced. */
function closing(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
