import { redact } from "../redact/index.js";
import type { ReviewFinding, ReviewLevel, ReviewReport } from "./types.js";

/** One Checks API annotation (`output.annotations[]`). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

/** The Checks API takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Beyond this the summary and SARIF carry the rest; a check run with thousands of marks helps nobody. */
export const MAX_ANNOTATIONS = 1_000;

const LEVELS: Readonly<Record<ReviewLevel, CheckAnnotation["annotation_level"]>> = {
  error: "failure",
  warning: "warning",
  note: "notice",
};

/**
 * Annotations for the findings in the files the change touches (all files when the whole tree was
 * reviewed), most severe first. `prefix` turns root-relative paths into repository paths.
 */
export function annotationsOf(report: ReviewReport, prefix = ""): CheckAnnotation[] {
  const { changed } = report;
  const mine = (f: ReviewFinding) => changed === null || changed.includes(f.file);
  return report.findings
    .filter(mine)
    .slice(0, MAX_ANNOTATIONS)
    .map((f) => {
      const line = f.line ?? 1;
      return {
        path: `${prefix}${f.file}`,
        start_line: line,
        end_line: line,
        annotation_level: LEVELS[f.level],
        title: prefixWithin(redact(f.ruleId), 255, (t) => t.length),
        message: prefixWithin(
          redact(f.suggestion ? `${f.message}\nSuggested: ${f.suggestion}` : f.message),
          MESSAGE_BYTES,
          (t) => Buffer.byteLength(t, "utf8"),
        ),
      };
    });
}

/** GitHub's limit on an annotation message is 64 KiB of UTF-8, not 64 Ki characters. */
const MESSAGE_BYTES = 64 * 1024 - 64;

/**
 * The longest prefix of `text` whose `size` fits `max`, never cutting a surrogate pair in half (a lone
 * surrogate is not valid UTF-8 and makes GitHub reject the request).
 */
function prefixWithin(text: string, max: number, size: (t: string) => number): string {
  if (size(text) <= max) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (size(chars.slice(0, mid).join("")) <= max) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join("");
}

/** Splits annotations into request-sized batches. */
export function batches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
