import type { AgentResult } from "../../agent/index.js";
import { stripHiddenContent } from "../../core/commands/sanitize.js";
import type { AppliedLesson, EffectiveLesson } from "../../core/lessons/index.js";
import { planRecipes, type LessonValue } from "../../core/recipes/index.js";
import type { Redactor } from "../../core/redact/index.js";

/**
 * The recipes' summary after lessons changed argument values: the recipes are planned again with the
 * values lessons set on each block, so its notes state the final values (say "visibility timeout 120 s"),
 * not the recipe's defaults. Other modes, or nothing set by a lesson: the summary as it was.
 */
export function finalSummary(
  result: AgentResult,
  applied: readonly AppliedLesson[],
  lessons: readonly EffectiveLesson[],
  redactor: Redactor,
): string {
  if (!result.recipes) return result.summary;
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const values: LessonValue[] = applied.flatMap((a) => {
    const lesson = byId.get(a.id);
    const type = lesson?.scope.resource_type;
    const set = lesson?.set;
    if (!lesson || !set || !type) return [];
    return a.where.flatMap((address): LessonValue[] => {
      const [t, block, ...rest] = address.split(".");
      if (t !== type || block === undefined || rest.length > 0) return [];
      return [{ block, resourceType: type, attribute: set.attribute, value: set.value, lesson: lesson.id }];
    });
  });
  if (values.length === 0) return result.summary;
  const plan = planRecipes(result.recipes.request, result.recipes.context, { lessonValues: values });
  if (plan.files.length === 0) return result.summary;
  return redactor.redact(stripHiddenContent(plan.summary)).trim();
}
