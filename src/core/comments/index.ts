// Every comment the app owns starts with a hidden marker so it can be found and updated in place.
import { redact } from "../redact/index.js";
import { neutraliseMentions } from "../text/markdown.js";

/** GitHub rejects comment bodies longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

export function commentMarker(kind: string, key: string | number): string {
  const safe = (value: string) => value.replace(/[^\w./:@-]/g, "_");
  return `<!-- devops-agent:${safe(kind)}:${safe(String(key))} -->`;
}

export interface FinalizeOptions {
  redactText?: (text: string) => string;
  limit?: number;
  /** Where the reader finds the full text when the body had to be cut. */
  fullTextAt?: string;
}

/**
 * Marker first, secrets removed, mentions made inert, and never longer than GitHub allows. Every comment
 * and PR body the app writes passes here, so quoted text, a model's summary or a log line can neither
 * leak a secret nor notify a user or a team.
 */
export function finalizeComment(marker: string, body: string, options: FinalizeOptions = {}): string {
  const clean = neutraliseMentions((options.redactText ?? redact)(body));
  const limit = options.limit ?? COMMENT_LIMIT;
  const full = `${marker}\n${clean}`;
  if (full.length <= limit) return full;
  const where = options.fullTextAt ? ` The full text is in ${options.fullTextAt}.` : "";
  const note = (cut: number) =>
    `\n\n> ✂️ ${cut.toLocaleString("en-US")} characters were cut to fit GitHub's limit.${where}`;
  const room = limit - marker.length - 1 - note(clean.length).length;
  const kept = clean.slice(0, Math.max(0, room));
  return `${marker}\n${kept}${note(clean.length - kept.length)}`;
}
