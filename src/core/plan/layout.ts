import { code, plural } from "./markdown.js";
import { type Entry, GROUPS, type GroupId, hasDiff } from "./render-entries.js";

/** How much of each resource entry made it into the comment: 0 left out, 1 its line, 2 with its diff. */
export type Shown = 0 | 1 | 2;

const MORE_LINE_RESERVE = 64;
const MIN_USEFUL = 40;
const MAX_FAILED_TRIES = 200;

/** Decides which resource lines and diffs fit in `room` characters, riskiest first. */
export class EntryLayout {
  readonly shown: Shown[];
  private readonly fulls = new Map<number, string>();
  private readonly opened = new Set<string>();
  private readonly noDiff = new Set<number>();
  readonly headingCost: number;
  private readonly groupSizes = new Map<GroupId, number>();
  used = 0;

  constructor(
    readonly entries: Entry[],
    private room: number,
  ) {
    this.shown = entries.map(() => 0);
    for (const e of entries) this.groupSizes.set(e.group, (this.groupSizes.get(e.group) ?? 0) + 1);
    this.headingCost = GROUPS.reduce((sum, g) => {
      const heading = this.groupHeading(g.id);
      return heading === "" ? sum : sum + heading.length + MORE_LINE_RESERVE;
    }, 0);
    this.room -= this.headingCost;
  }

  get remaining(): number {
    return this.room - this.used;
  }

  /** Shows the line of every entry `pick` selects, in order, while they fit. */
  addLines(pick: (e: Entry) => boolean): void {
    this.entries.forEach((entry, i) => {
      if (this.shown[i] !== 0 || !pick(entry) || this.remaining < MIN_USEFUL) return;
      const cost = entry.line().length + this.moduleCost(entry);
      if (cost > this.remaining) return;
      this.opened.add(`${entry.group} ${entry.module}`);
      this.used += cost;
      this.shown[i] = 1;
    });
  }

  /** Expands shown lines into their diffs while they fit; a diff that does not fit is skipped, not cut. */
  addDiffs(pick: (e: Entry) => boolean): void {
    let failed = 0;
    for (let i = 0; i < this.entries.length && failed < MAX_FAILED_TRIES; i += 1) {
      const entry = this.entries[i];
      if (!entry || this.shown[i] !== 1 || !pick(entry) || this.remaining < MIN_USEFUL) continue;
      const full = entry.full();
      if (full === undefined) {
        this.noDiff.add(i);
        continue;
      }
      const extra = full.length - entry.line().length;
      if (extra > this.remaining) {
        failed += 1;
        continue;
      }
      this.fulls.set(i, full);
      this.used += extra;
      this.shown[i] = 2;
    }
  }

  /** The resource sections in display order: group, then module, then plan order. */
  render(): string {
    const buckets = new Map<GroupId, Map<string, number[]>>();
    this.entries.forEach((entry, i) => {
      let modules = buckets.get(entry.group);
      if (!modules) buckets.set(entry.group, (modules = new Map<string, number[]>()));
      const members = modules.get(entry.module);
      if (members) members.push(i);
      else modules.set(entry.module, [i]);
    });
    let out = "";
    for (const group of GROUPS) {
      const modules = buckets.get(group.id);
      if (!modules) continue;
      out += this.groupHeading(group.id);
      const headed = modules.size > 1 || !modules.has("");
      let hidden = 0;
      for (const [module, members] of modules) {
        const visible = members.filter((i) => this.shown[i] !== 0);
        hidden += members.length - visible.length;
        if (visible.length === 0) continue;
        if (headed) out += moduleHeading(module);
        for (const i of visible)
          out += this.shown[i] === 2 ? (this.fulls.get(i) ?? "") : (this.entries[i]?.line() ?? "");
      }
      if (hidden > 0) out += `- … and ${plural(hidden, "more resource")} (trimmed)\n`;
      out += "\n";
    }
    return out;
  }

  /** Per group: lines left out, and diffs that exist but were not shown. */
  trimmed(): { lines: Map<GroupId, number>; diffs: number } {
    const lines = new Map<GroupId, number>();
    let diffs = 0;
    this.entries.forEach((entry, i) => {
      if (this.shown[i] === 0) lines.set(entry.group, (lines.get(entry.group) ?? 0) + 1);
      else if (this.shown[i] === 1 && !this.noDiff.has(i) && hasDiff(entry.group)) {
        diffs += 1;
      }
    });
    return { lines, diffs };
  }

  private groupHeading(id: GroupId): string {
    const count = this.groupSizes.get(id) ?? 0;
    if (count === 0) return "";
    const title = GROUPS.find((g) => g.id === id)?.title ?? id;
    return `#### ${title} (${count.toLocaleString("en-US")})\n\n`;
  }

  private moduleCost(entry: Entry): number {
    if (this.opened.has(`${entry.group} ${entry.module}`)) return 0;
    return moduleHeading(entry.module).length;
  }
}

function moduleHeading(module: string): string {
  return module === "" ? "**root module**\n\n" : `**${code(module)}**\n\n`;
}
