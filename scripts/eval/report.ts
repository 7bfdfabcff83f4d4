import type { Verdict } from "./ask-terraform.js";

export interface Outcome {
  id: string;
  difficulty: number;
  exit: number;
  ms: number;
  /** ask exited 0 and said its change validated. */
  reportedValid: boolean;
  changed: boolean;
  missing: string[];
  llm: { calls: number; promptTokens: number; completionTokens: number };
  dir: string;
  verdict: Verdict | null;
}

interface Row {
  label: string;
  n: number;
  changed: number;
  complete: number;
  valid: number;
  unverifiable: number;
  /** We said complete and valid (exit 0) but terraform rejects it or an expected resource type is missing. */
  falseValid: number;
  /** Of falseValid: terraform rejected the change. */
  rejected: number;
  /** Of falseValid: the change lacks a resource type the reference has. */
  incomplete: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor((s.length - 1) / 2)] ?? 0);
};

/** Valid: terraform accepted it; without terraform, our own checks' word (said in the header). */
const isValid = (o: Outcome, terraform: boolean): boolean =>
  o.changed && (terraform ? o.verdict?.status === "valid" : o.reportedValid);

/** Exit 0 claims the change covers the request and validates: false when terraform or the reference says no. */
const isFalseValid = (o: Outcome): boolean =>
  o.reportedValid && (o.verdict?.status === "invalid" || o.missing.length > 0);

function row(label: string, list: Outcome[], terraform: boolean): Row {
  return {
    label,
    n: list.length,
    changed: list.filter((o) => o.changed).length,
    complete: list.filter((o) => isValid(o, terraform) && o.missing.length === 0).length,
    valid: list.filter((o) => isValid(o, terraform)).length,
    unverifiable: list.filter((o) => o.verdict?.status === "unverifiable").length,
    falseValid: list.filter((o) => isFalseValid(o)).length,
    rejected: list.filter((o) => o.reportedValid && o.verdict?.status === "invalid").length,
    incomplete: list.filter((o) => o.reportedValid && o.missing.length > 0).length,
  };
}

const pct = (a: number, b: number): string => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)} %`);

export function summarize(outcomes: Outcome[], options: { terraform: boolean; model: boolean }) {
  const groups: [string, (d: number) => boolean][] = [
    ["difficulty 1-2", (d) => d <= 2],
    ["difficulty 3-6", (d) => d >= 3],
    ...[1, 2, 3, 4, 5, 6].map((d): [string, (x: number) => boolean] => [`difficulty ${d}`, (x) => x === d]),
    ["all", () => true],
  ];
  const rows = groups.map(([label, keep]) =>
    row(
      label,
      outcomes.filter((o) => keep(o.difficulty)),
      options.terraform,
    ),
  );
  const calls = outcomes.reduce((s, o) => s + o.llm.calls, 0);
  const tokens = outcomes.reduce((s, o) => s + o.llm.promptTokens + o.llm.completionTokens, 0);
  const lines = [
    `eval:ask — ${outcomes.length} requests, ${options.model ? "model from LLM_*" : "offline (no model)"}, judged by ${options.terraform ? "terraform validate (AWS provider mirror)" : "our own checks (terraform not available)"}`,
    "",
    "| group | n | changed (exit 0) | complete | valid | unverifiable | false-valid (rejected / incomplete) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.n} | ${r.changed} | ${r.complete} (${pct(r.complete, r.n)}) | ${r.valid} | ${r.unverifiable} | ${r.falseValid} (${r.rejected} / ${r.incomplete}) |`,
    ),
    "",
    "complete: terraform validate accepts the change and it adds every resource type the reference has; valid: terraform accepts it; unverifiable: it needs a provider other than AWS; false-valid: ask exited 0 (change covers the request and validates) but terraform rejects it or a reference resource type is missing.",
    "",
    `time per request: median ${median(outcomes.map((o) => o.ms)).toFixed(0)} ms, max ${Math.max(0, ...outcomes.map((o) => o.ms)).toFixed(0)} ms`,
    `model calls: ${calls} (${(calls / Math.max(1, outcomes.length)).toFixed(2)} per request), tokens: ${tokens} (${(tokens / Math.max(1, outcomes.length)).toFixed(0)} per request)`,
  ];
  return {
    text: lines.join("\n"),
    json: { rows, calls, tokens, medianMs: median(outcomes.map((o) => o.ms)) },
  };
}
