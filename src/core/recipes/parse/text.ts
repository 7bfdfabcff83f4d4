/**
 * A clause of the request with a record of which characters a rule has understood, so whatever no
 * rule claims can be reported back as not understood.
 */
export class Clause {
  readonly lower: string;
  private readonly used: boolean[];

  constructor(readonly text: string) {
    this.lower = text.toLowerCase();
    this.used = Array.from({ length: text.length }, () => false);
  }

  /** First match of `pattern` within [from, to) that touches no claimed character; claims it. */
  take(pattern: RegExp, from = 0, to = this.text.length, original = false): RegExpExecArray | undefined {
    const re = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
    const haystack = (original ? this.text : this.lower).slice(0, to);
    re.lastIndex = from;
    for (let m = re.exec(haystack); m !== null; m = re.exec(haystack)) {
      if (m[0].length === 0) {
        re.lastIndex += 1;
        continue;
      }
      const end = m.index + m[0].length;
      if (!this.used.slice(m.index, end).some(Boolean)) {
        this.claim(m.index, end);
        return m;
      }
    }
    return undefined;
  }

  /** Like take, without claiming: the caller claims only the part it uses. */
  find(pattern: RegExp, from = 0, to = this.text.length): RegExpExecArray | undefined {
    const m = this.take(pattern, from, to);
    if (m !== undefined) this.release(m.index, m.index + m[0].length);
    return m;
  }

  private release(from: number, to: number): void {
    for (let i = from; i < to; i += 1) this.used[i] = false;
  }

  isFree(from: number, to: number): boolean {
    return !this.used.slice(from, to).some(Boolean);
  }

  takeAll(pattern: RegExp, from = 0, to = this.text.length, original = false): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    for (
      let m = this.take(pattern, from, to, original);
      m !== undefined;
      m = this.take(pattern, from, to, original)
    )
      out.push(m);
    return out;
  }

  /** Whether `pattern` occurs in [from, to), without claiming it. */
  has(pattern: RegExp, from = 0, to = this.text.length): boolean {
    return pattern.test(this.lower.slice(from, to));
  }

  claim(from: number, to: number): void {
    for (let i = from; i < to; i += 1) this.used[i] = true;
  }

  /** Runs of unclaimed words that carry meaning (filler words only join them). */
  leftovers(filler: ReadonlySet<string>): string[] {
    const out: string[] = [];
    let current: { word: string; content: boolean }[] = [];
    const flush = (): void => {
      while (current.length > 0 && current[current.length - 1]?.content === false) current.pop();
      if (current.length > 0) out.push(current.map((c) => c.word).join(" "));
      current = [];
    };
    for (const w of this.text.matchAll(/[^\s,:;()"'“”‘’]+/g)) {
      const free = !this.used.slice(w.index, w.index + w[0].length).some(Boolean);
      const word = w[0].toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
      if (!free) flush();
      else if (word === "" || filler.has(word)) {
        if (current.length > 0) current.push({ word: w[0], content: false });
      } else current.push({ word: w[0], content: true });
    }
    flush();
    return out;
  }
}
