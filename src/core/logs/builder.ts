import { DEFAULT_MAX_LINE_LENGTH, cleanLine, countBadChars } from "./clean.js";
import { assembleExcerpt } from "./assemble.js";
import { isGroupEnd, isInteresting, isRunnerError, isStepVerdict, stepStart } from "./markers.js";
import type { ExcerptBuilder, ExcerptOptions, LogExcerpt, LogStep } from "./types.js";
import { LineRing, type LogLine, type Window, WindowStore, detached, lineOf } from "./windows.js";

const MAX_STEPS = 200;
const HEADER_LINES = 10;
// A `Run` group without its `##[endgroup]` must not swallow the rest of the log.
const HEADER_SCAN_LIMIT = 200;
const VERDICT_CONTEXT = 30;
const TAIL_LINES = 40;
const BINARY_SAMPLE = 64 * 1024;

export const EXCERPT_DEFAULTS = { maxLines: 200, maxBytes: 32 * 1024, contextBefore: 5, contextAfter: 12 };

/**
 * Builds an excerpt one line at a time with bounded memory: a ring of recent lines, the windows kept
 * around error lines (within a budget), and the `Run` header of each step that reported an error.
 */
export function createExcerptBuilder(options: ExcerptOptions = {}): ExcerptBuilder {
  const maxLines = Math.max(10, options.maxLines ?? EXCERPT_DEFAULTS.maxLines);
  const maxBytes = Math.max(1024, options.maxBytes ?? EXCERPT_DEFAULTS.maxBytes);
  const before = options.contextBefore ?? EXCERPT_DEFAULTS.contextBefore;
  const after = options.contextAfter ?? EXCERPT_DEFAULTS.contextAfter;
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const maxWindowLines = Math.max(20, Math.floor(maxLines / 2));

  const ring = new LineRing(Math.max(TAIL_LINES, VERDICT_CONTEXT, before));
  const store = new WindowStore(maxBytes, maxLines);
  const steps: LogStep[] = [];
  const headers = new Map<number, LogLine[]>();
  let step = -1;
  let inHeader = false;
  let headerScanned = 0;
  let n = 0;
  let lastCaptured = 0;
  let open: Window | null = null;
  let afterLeft = 0;
  let nonBlank = 0;
  let sampled = 0;
  let badChars = 0;

  function sample(raw: string): void {
    const end = Math.min(raw.length, BINARY_SAMPLE - sampled);
    badChars += countBadChars(raw, end);
    sampled += end + 1;
  }

  function close(): void {
    if (open) {
      store.add(open);
      store.pinFirst(open);
    }
    open = null;
  }

  function capture(line: LogLine): void {
    if (!open) return;
    open.lines.push(detached(line));
    open.bytes += line.bytes;
    lastCaptured = line.n;
  }

  function startStep(name: string, line: LogLine): void {
    close();
    const previous = steps[step];
    if (previous && previous.errors === 0) {
      headers.delete(step);
      store.unpin(step);
    }
    if (steps.length < MAX_STEPS) {
      steps.push({ name, firstLine: line.n, errors: 0 });
      step = steps.length - 1;
    }
    headers.set(step, [detached(line)]);
    inHeader = true;
    headerScanned = 0;
  }

  function onLine(text: string): void {
    n += 1;
    if (text.trim() !== "") nonBlank += 1;
    const line = lineOf(n, text);
    const name = stepStart(text);
    if (name !== null) {
      startStep(name, line);
      ring.push(line);
      return;
    }
    if (inHeader) {
      headerScanned += 1;
      if (isGroupEnd(text) || headerScanned > HEADER_SCAN_LIMIT) inHeader = false;
      else {
        const header = headers.get(step);
        if (header && header.length < HEADER_LINES) header.push(detached(line));
        ring.push(line);
      }
      return;
    }
    if (isGroupEnd(text)) return;
    const current = steps[step];
    if (current && isRunnerError(text)) current.errors += 1;
    if (isInteresting(text)) {
      if (!open) {
        const k = isStepVerdict(text) ? VERDICT_CONTEXT : before;
        open = { step, lines: [], bytes: 0 };
        for (const old of ring.last(k)) if (old.n > lastCaptured) capture(old);
      }
      capture(line);
      afterLeft = after;
      if (open.lines.length >= maxWindowLines) close();
    } else if (open) {
      capture(line);
      afterLeft -= 1;
      if (afterLeft <= 0) close();
    }
    ring.push(line);
  }

  return {
    push(rawLine) {
      if (sampled < BINARY_SAMPLE) sample(rawLine);
      const text = cleanLine(rawLine, maxLineLength);
      if (text !== null) onLine(text);
    },
    finish(): LogExcerpt {
      close();
      const binary = sampled > 0 && badChars / sampled > 0.1;
      return assembleExcerpt({
        windows: store.all(),
        steps,
        headers,
        tail: ring.last(TAIL_LINES),
        totalLines: n,
        binary,
        empty: nonBlank === 0,
        maxLines,
        maxBytes,
      });
    },
  };
}

/** Excerpt of a whole log held in memory (small logs, tests); large logs go through the stream adapter. */
export function excerptFromText(text: string, options: ExcerptOptions = {}): LogExcerpt {
  const builder = createExcerptBuilder(options);
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf("\n", start);
    if (end === -1) {
      if (start < text.length) builder.push(text.slice(start));
      break;
    }
    builder.push(text.slice(start, end));
    start = end + 1;
  }
  return builder.finish();
}
