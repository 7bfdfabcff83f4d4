/** A run of consecutive cleaned lines kept around error lines. */
export interface LogLine {
  n: number;
  text: string;
  bytes: number;
}

export interface Window {
  step: number;
  lines: LogLine[];
  bytes: number;
}

export function lineOf(n: number, text: string): LogLine {
  return { n, text, bytes: Buffer.byteLength(text, "utf8") + 1 };
}

/**
 * A copy of a kept line that no longer points into the chunk it was sliced from. Without it, each line an
 * excerpt keeps would pin its whole read chunk in memory, and a few hundred kept lines could hold
 * a hundred megabytes.
 */
export function detached(line: LogLine): LogLine {
  return { n: line.n, text: Buffer.from(line.text, "utf8").toString("utf8"), bytes: line.bytes };
}

/**
 * Keeps closed windows within a budget whatever the log size: the first ones (the root cause usually
 * comes first) and a sliding set of the latest ones (the runner's verdict comes last). Middle windows
 * are dropped as newer ones arrive.
 */
const MAX_PINNED = 20;

export class WindowStore {
  private readonly head: Window[] = [];
  private readonly firsts = new Map<number, Window>();
  private tail: Window[] = [];
  private headBytes = 0;
  private headLines = 0;
  private tailBytes = 0;
  private tailLines = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxLines: number,
  ) {}

  add(window: Window): void {
    if (window.lines.length === 0) return;
    const fitsHead =
      this.headBytes + window.bytes <= this.maxBytes && this.headLines + window.lines.length <= this.maxLines;
    if (fitsHead && this.tail.length === 0) {
      this.head.push(window);
      this.headBytes += window.bytes;
      this.headLines += window.lines.length;
      return;
    }
    this.tail.push(window);
    this.tailBytes += window.bytes;
    this.tailLines += window.lines.length;
    let drop = 0;
    while (
      this.tail.length - drop > 1 &&
      (this.tailBytes > this.maxBytes || this.tailLines > this.maxLines)
    ) {
      const old = this.tail[drop];
      if (!old) break;
      this.tailBytes -= old.bytes;
      this.tailLines -= old.lines.length;
      drop += 1;
    }
    if (drop > 0) this.tail = this.tail.slice(drop);
  }

  /**
   * Keeps a step's first window even after the sliding set moves past it: in a long failing step, the
   * first error is often the cause and the last one only its consequence.
   */
  pinFirst(window: Window): void {
    if (!this.firsts.has(window.step) && this.firsts.size < MAX_PINNED) this.firsts.set(window.step, window);
  }

  /** A step that ended without an error needs no pinned window. */
  unpin(step: number): void {
    this.firsts.delete(step);
  }

  all(): Window[] {
    const kept = new Set([...this.head, ...this.tail]);
    for (const window of this.firsts.values()) kept.add(window);
    return [...kept].sort((a, b) => (a.lines[0]?.n ?? 0) - (b.lines[0]?.n ?? 0));
  }
}

/** A fixed-size ring of the most recent lines, for the context before an error. */
export class LineRing {
  private readonly items: (LogLine | undefined)[];
  private next = 0;
  private count = 0;

  constructor(private readonly size: number) {
    this.items = new Array<LogLine | undefined>(size);
  }

  push(line: LogLine): void {
    this.items[this.next] = line;
    this.next = (this.next + 1) % this.size;
    this.count = Math.min(this.count + 1, this.size);
  }

  /** The last `k` lines, oldest first. */
  last(k: number): LogLine[] {
    const take = Math.min(k, this.count);
    const out: LogLine[] = [];
    for (let i = take; i > 0; i -= 1) {
      const item = this.items[(this.next - i + this.size) % this.size];
      if (item) out.push(item);
    }
    return out;
  }
}
