import { isMap, isSeq, parseDocument, type Document } from "yaml";
import { LessonSchema, type Lesson } from "./types.js";

/** Where a repository keeps what the agent learned, reviewable like code. */
export const LESSONS_PATH = ".github/devops-agent/lessons.yml";
/** The one branch the agent proposes lesson changes on: one PR, updated in place. */
export const LESSONS_BRANCH = "agent/lessons";

const HEADER = [
  "# What devops-agent learned in this repository (https://github.com/aws-devops-agent).",
  "# Edit or delete entries freely: this file on the default branch always wins over what the agent",
  "# distils. Ids under `forgotten` are never proposed again. Lessons only set plain values; they can",
  "# never widen what the agent may do.",
].join("\n");

export interface LessonsFile {
  lessons: Lesson[];
  forgotten: string[];
  /** Entries that did not parse, named so a maintainer can fix them; they are left untouched in the file. */
  problems: string[];
}

/** Reads the file as people left it; a broken entry is skipped (and named), never the whole file. */
export function parseLessonsFile(text: string | null): LessonsFile {
  const empty: LessonsFile = { lessons: [], forgotten: [], problems: [] };
  if (text === null || text.trim() === "") return empty;
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    return {
      ...empty,
      problems: [`${LESSONS_PATH}: invalid YAML (${first?.message.split("\n")[0] ?? "parse error"})`],
    };
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== "object")
    return { ...empty, problems: [`${LESSONS_PATH}: expected a mapping`] };
  const record = data as Record<string, unknown>;
  const out: LessonsFile = { lessons: [], forgotten: [], problems: [] };
  const entries = Array.isArray(record.lessons) ? (record.lessons as unknown[]) : [];
  entries.forEach((entry, index) => {
    const parsed = LessonSchema.safeParse(entry);
    if (parsed.success) out.lessons.push(parsed.data);
    else
      out.problems.push(
        `lessons[${index}]: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? "invalid"}`.trim(),
      );
  });
  const forgotten = Array.isArray(record.forgotten) ? (record.forgotten as unknown[]) : [];
  out.forgotten = forgotten.filter((f): f is string => typeof f === "string");
  return out;
}

export interface LessonsUpdate {
  text: string;
  added: string[];
  removed: string[];
  /** Ids newly listed under `forgotten`. */
  forgotten: string[];
}

/**
 * The file as it should be: the text on the default branch (comments, order and every edit kept), plus
 * distilled lessons it does not hold yet, minus the ids asked to be forgotten. Entries already in the file
 * are never rewritten: a maintainer's edit wins over what the agent distils.
 */
export function updateLessonsFile(
  current: string | null,
  distilled: readonly Lesson[],
  forget: readonly string[],
): LessonsUpdate {
  const existing = parseLessonsFile(current);
  const doc: Document =
    current !== null && current.trim() !== "" && existing.problems.every((p) => !p.includes("invalid YAML"))
      ? parseDocument(current)
      : parseDocument(`${HEADER}\nversion: 1\nlessons: []\nforgotten: []\n`);
  if (!isMap(doc.contents)) return { text: current ?? "", added: [], removed: [], forgotten: [] };
  const forgotten = new Set([...existing.forgotten, ...forget]);
  const held = new Set(existing.lessons.map((l) => l.id));
  const removed: string[] = [];
  const seq = doc.get("lessons");
  if (isSeq(seq)) {
    for (let i = seq.items.length - 1; i >= 0; i -= 1) {
      const item = seq.items[i];
      const id = isMap(item) ? item.get("id") : undefined;
      if (typeof id === "string" && forget.includes(id)) {
        seq.delete(i);
        removed.push(id);
      }
    }
  } else doc.set("lessons", doc.createNode([]));
  // An empty list is written `[]`, which YAML keeps as a one-line flow list as entries arrive: make it a
  // block list so each lesson gets its own reviewable lines (a maintainer's non-empty flow list is theirs).
  for (const key of ["lessons", "forgotten"]) {
    const list = doc.get(key);
    if (isSeq(list) && list.items.length === 0) list.flow = false;
  }
  const added: string[] = [];
  for (const lesson of distilled) {
    if (held.has(lesson.id) || forgotten.has(lesson.id)) continue;
    doc.addIn(["lessons"], doc.createNode(serializable(lesson)));
    added.push(lesson.id);
  }
  const newlyForgotten = [...new Set(forget)].filter((id) => !existing.forgotten.includes(id));
  if (newlyForgotten.length > 0 && !isSeq(doc.get("forgotten"))) doc.set("forgotten", doc.createNode([]));
  for (const id of newlyForgotten) doc.addIn(["forgotten"], id);
  return {
    text: doc.toString({ lineWidth: 0 }),
    added,
    removed: removed.reverse(),
    forgotten: newlyForgotten,
  };
}

/** Drops empty optional parts so the YAML stays short and readable. */
function serializable(lesson: Lesson): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(lesson).filter(
      ([, v]) => v !== undefined && !(typeof v === "object" && v !== null && Object.keys(v).length === 0),
    ),
  );
}

export interface EffectiveLesson extends Lesson {
  /** Proposed by the agent in its lessons PR, not yet on the default branch. */
  pending: boolean;
}

/** The lessons in force: the file's, then (when allowed) distilled ones the file neither holds nor forgot. */
export function effectiveLessons(
  file: LessonsFile,
  distilled: readonly Lesson[],
  useProposed: boolean,
): EffectiveLesson[] {
  const held = new Set(file.lessons.map((l) => l.id));
  const forgotten = new Set(file.forgotten);
  const own = file.lessons.filter((l) => !forgotten.has(l.id)).map((l) => ({ ...l, pending: false }));
  if (!useProposed) return own;
  const pending = distilled
    .filter((l) => !held.has(l.id) && !forgotten.has(l.id))
    .map((l) => ({ ...l, pending: true }));
  return [...own, ...pending];
}
