import type { LogExcerpt, LogStep } from "./types.js";
import type { LogLine, Window } from "./windows.js";

export interface AssembleInput {
  windows: Window[];
  steps: LogStep[];
  headers: Map<number, LogLine[]>;
  tail: LogLine[];
  totalLines: number;
  binary: boolean;
  empty: boolean;
  maxLines: number;
  maxBytes: number;
}

const MARKER_BYTES = 32;

function failingStepIndex(steps: LogStep[], windows: Window[]): number {
  const flagged = steps.findIndex((s) => s.errors > 0);
  if (flagged !== -1) return flagged;
  const last = windows[windows.length - 1];
  return last ? last.step : steps.length - 1;
}

/**
 * Chooses what goes into the excerpt: the failing step's `Run` header and windows first, then the other
 * windows in log order while the budget lasts. With no error line at all, the end of the log stands in.
 */
function chooseLines(input: AssembleInput, failing: number): LogLine[] {
  const chosen: LogLine[] = [];
  let lines = 0;
  let bytes = 0;
  // Each group may be preceded by one "… N lines omitted …" marker: its room is reserved up front.
  const take = (group: LogLine[]): void => {
    if (group.length === 0 || lines + 2 > input.maxLines || bytes + MARKER_BYTES > input.maxBytes) return;
    lines += 1;
    bytes += MARKER_BYTES;
    for (const line of group) {
      if (lines + 1 > input.maxLines || bytes + line.bytes > input.maxBytes) return;
      chosen.push(line);
      lines += 1;
      bytes += line.bytes;
    }
  };
  take(input.headers.get(failing) ?? []);
  // The failing step's last windows hold the runner's verdict and the error just before it; they go in
  // first so a long run of earlier errors cannot crowd them out. Output order is restored afterwards.
  const own = input.windows.filter((w) => w.step === failing);
  const ordered = [...own.slice(-2), ...own.slice(0, -2), ...input.windows.filter((w) => w.step !== failing)];
  for (const window of ordered) take(window.lines);
  if (input.windows.length === 0) take(input.tail);
  return chosen;
}

function withGapMarkers(lines: LogLine[]): string[] {
  const sorted = [...new Map(lines.map((l) => [l.n, l])).values()].sort((a, b) => a.n - b.n);
  const out: string[] = [];
  let previous = 0;
  for (const line of sorted) {
    const gap = line.n - previous - 1;
    if (gap > 0 && previous > 0) out.push(`… ${gap} line${gap === 1 ? "" : "s"} omitted …`);
    out.push(line.text);
    previous = line.n;
  }
  return out;
}

export function assembleExcerpt(input: AssembleInput): LogExcerpt {
  const failing = failingStepIndex(input.steps, input.windows);
  const base = {
    failingStep: input.steps[failing]?.name ?? null,
    steps: input.steps,
    totalLines: input.totalLines,
    binary: input.binary,
    empty: input.empty,
  };
  if (input.binary || input.empty) return { ...base, lines: [], text: "", truncated: input.totalLines > 0 };
  const chosen = chooseLines(input, failing);
  const lines = withGapMarkers(chosen);
  return { ...base, lines, text: lines.join("\n"), truncated: chosen.length < input.totalLines };
}
