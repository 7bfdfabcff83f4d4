import type { EffectiveLesson } from "./file.js";
import { lessonValueAllowed, moduleSourceAllowed } from "./guard.js";
import { findArgument, literal, topBlocks } from "./hcl-text.js";
import { toModuleCall, type ModuleInterface } from "./module.js";
import { applyNamingPrefix, namingPrefixAllowed } from "./naming.js";
import type { AppliedLesson } from "./types.js";

export interface LessonInput {
  /** The change's Terraform files (path → full text), canonical as the validator accepted them. */
  files: ReadonlyMap<string, string>;
  /** The blocks the agent added: only those are shaped by lessons, never code people wrote. */
  added: readonly { type: string; name: string }[];
  lessons: readonly EffectiveLesson[];
  /** Local modules named by module lessons, read by the caller; absent: the module is not in the repo. */
  modules: ReadonlyMap<string, ModuleInterface>;
  isProtected: (path: string) => boolean;
}

export interface LessonOutput {
  /** Files whose text changed. */
  files: Map<string, string>;
  applied: AppliedLesson[];
  skipped: { id: string; reason: string }[];
}

/**
 * Lessons as defaults on what the agent just wrote: module choices first (they replace blocks), then
 * argument values. Pure: the caller formats and validates the result and keeps the original on failure.
 */
export function applyLessons(input: LessonInput): LessonOutput {
  const current = new Map(input.files);
  const applied = new Map<string, AppliedLesson>();
  const skipped: { id: string; reason: string }[] = [];
  const added = new Set(input.added.map((a) => `${a.type}.${a.name}`));
  const note = (lesson: EffectiveLesson, where: string) => {
    const entry = applied.get(lesson.id) ?? { id: lesson.id, summary: lesson.summary, where: [] };
    entry.where.push(where);
    applied.set(lesson.id, entry);
  };

  for (const lesson of input.lessons) {
    const type = lesson.scope.resource_type;
    if (!lesson.module || !type) continue;
    const allowed = moduleSourceAllowed(lesson.module.source, input.isProtected);
    if (!allowed.ok) {
      skipped.push({ id: lesson.id, reason: allowed.reason });
      continue;
    }
    const module = input.modules.get(lesson.module.source);
    const targets = input.added.filter((a) => a.type === type);
    if (targets.length > 0 && !module) {
      skipped.push({
        id: lesson.id,
        reason: `\`${lesson.module.source}\` is not a module in this repository`,
      });
      continue;
    }
    for (const target of targets) {
      if (!module) break;
      const edit = toModuleCall(current, target, added, module);
      if (!edit.ok) {
        skipped.push({ id: lesson.id, reason: edit.reason });
        continue;
      }
      for (const [path, text] of edit.files) current.set(path, text);
      for (const key of edit.dropped) added.delete(key);
      added.delete(`${target.type}.${target.name}`);
      note(lesson, `${target.type}.${target.name} → module.${target.name}`);
    }
  }

  for (const lesson of input.lessons) {
    const type = lesson.scope.resource_type;
    if (!lesson.set || !type) continue;
    const { attribute, value } = lesson.set;
    const verdict = lessonValueAllowed(type, attribute, value);
    if (!verdict.ok) {
      skipped.push({ id: lesson.id, reason: verdict.reason });
      continue;
    }
    for (const [path, text] of current) {
      const lines = text.split("\n");
      let touched = false;
      for (const block of topBlocks(lines).reverse()) {
        const [blockType = "", name = ""] = block.labels;
        if (block.kind !== "resource" || blockType !== type || !added.has(`${blockType}.${name}`)) continue;
        const found = findArgument(lines, block, attribute);
        const line = `  ${attribute} = ${literal(value)}`;
        if (found && !found.literal) continue;
        if (found && lines[found.line]?.replace(/\s+/g, " ") === line.replace(/\s+/g, " ")) continue;
        if (found) lines[found.line] = line;
        else lines.splice(block.start + 1, 0, line);
        touched = true;
        note(lesson, `${type}.${name}`);
      }
      if (touched) current.set(path, lines.join("\n"));
    }
  }

  for (const lesson of input.lessons) {
    if (!lesson.naming) continue;
    if (!namingPrefixAllowed(lesson.naming.prefix)) {
      skipped.push({
        id: lesson.id,
        reason: "a naming prefix is only `${var.x}`/`${local.x}` interpolations",
      });
      continue;
    }
    for (const [path, text] of current) {
      const out = applyNamingPrefix(text, added, lesson.naming.prefix);
      if (out.renamed.length === 0) continue;
      current.set(path, out.text);
      for (const where of out.renamed) note(lesson, where);
    }
  }

  const files = new Map([...current].filter(([path, text]) => input.files.get(path) !== text));
  return { files, applied: [...applied.values()], skipped };
}
