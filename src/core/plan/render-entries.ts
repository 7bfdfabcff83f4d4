import { redact } from "../redact/index.js";
import type { AttributeChange } from "./diff.js";
import { code, details, diffFence, inline } from "./markdown.js";
import type { PlanSummary, ResourceSummary } from "./types.js";
import { joinPath } from "./values.js";

export type GroupId = "delete" | "replace" | "create" | "update" | "forget" | "other" | "read";

/** Display order, which is also risk order: what destroys comes first. */
export const GROUPS: readonly { id: GroupId; title: string }[] = [
  { id: "delete", title: "🗑️ Destroy" },
  { id: "replace", title: "♻️ Replace" },
  { id: "create", title: "➕ Create" },
  { id: "update", title: "🔧 Update in place" },
  { id: "forget", title: "🫥 Forget (removed from state, not destroyed)" },
  { id: "other", title: "📦 Import or move only" },
  { id: "read", title: "📖 Read (data sources)" },
];

/** One resource line in the comment, with its attribute diff rendered only if the budget allows. */
export class Entry {
  readonly group: GroupId;
  readonly module: string;
  private head: string | undefined;

  constructor(
    private readonly resource: ResourceSummary,
    readonly risky: boolean,
  ) {
    this.group = groupOf(resource);
    this.module = resource.module;
  }

  /** `- head` when shown without its diff; built on demand, as most lines of a huge plan never show. */
  line(): string {
    return `- ${this.summaryText()}\n`;
  }

  /** The collapsible form with the diff, or undefined when there is nothing to show. */
  full(): string | undefined {
    // Reads, moves, imports and forgets change no infrastructure: their line says all there is.
    if (!hasDiff(this.group)) return undefined;
    const body = diffLines(this.resource.changes());
    return body === "" ? undefined : details(this.summaryText(), redact(diffFence(body)));
  }

  private summaryText(): string {
    this.head ??= redact(headOf(this.resource));
    return this.head;
  }
}

export function hasDiff(group: GroupId): boolean {
  return group !== "read" && group !== "other" && group !== "forget";
}

const MAX_DIFF_LINES = 200;

export function buildEntries(summary: PlanSummary): Entry[] {
  const risky = new Set(summary.risks.map((r) => r.address));
  return summary.resources.map(
    (resource) =>
      new Entry(
        resource,
        risky.has(resource.address) || resource.kind === "delete" || resource.kind === "replace",
      ),
  );
}

function groupOf(resource: ResourceSummary): GroupId {
  if (resource.kind === "noop") return "other";
  return resource.kind;
}

function headOf(r: ResourceSummary): string {
  const notes: string[] = [];
  if (r.deposed !== undefined) notes.push(`deposed object ${r.deposed}`);
  if (r.reason !== undefined) notes.push(r.reason);
  if (r.replacePaths.length > 0) notes.push(`forced by ${r.replacePaths.join(", ")}`);
  if (r.previousAddress !== undefined) notes.push(`moved from ${r.previousAddress}`);
  if (r.importing) notes.push(r.importId === undefined ? "importing" : `importing id ${r.importId}`);
  if (r.forget && r.kind !== "forget")
    notes.push("replaced; the existing object is kept (forgotten, not destroyed)");
  if (r.sensitive.length > 0)
    notes.push(`sensitive: ${r.sensitive.map((p) => p || "(whole object)").join(", ")}`);
  const tail = notes.length === 0 ? "" : ` — ${inline(notes.join("; "))}`;
  return `${code(r.address)}${tail}`;
}

/** Diff lines with `+`/`-`/`~` at column 0; `prefix` names the thing (an output) when paths are relative. */
export function diffLines(changes: AttributeChange[], prefix = ""): string {
  const lines = changes.slice(0, MAX_DIFF_LINES).map((c) => {
    const path = prefix === "" ? c.path || "(whole object)" : joinPath(prefix, c.path);
    const value = c.op === "~" ? `${c.before ?? ""} -> ${c.after ?? ""}` : c.op === "+" ? c.after : c.before;
    return `${c.op} ${path} = ${value ?? ""}${c.forcesReplacement ? "  # forces replacement" : ""}`;
  });
  if (changes.length > MAX_DIFF_LINES) lines.push(`  … ${changes.length - MAX_DIFF_LINES} more attributes`);
  return lines.join("\n");
}
