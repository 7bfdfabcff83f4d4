import { z } from "zod";
import { inlineCode } from "../text/markdown.js";
import type { RecipeDefinition } from "./types.js";

/** A value a lesson set on an argument of a block a recipe rendered (`aws_sqs_queue.orders`). */
export interface LessonValue {
  /** The recipe block's name: the resource label the lesson changed. */
  block: string;
  resourceType: string;
  attribute: string;
  value: string | number | boolean;
  lesson: string;
}

export interface LessonParams {
  /** Recipe parameters that now hold the lesson's value, so the block's notes describe it. */
  params: Record<string, unknown>;
  /** Values no parameter describes: stated as their own note, so nothing in the summary is stale. */
  notes: string[];
}

/**
 * The recipe parameters a lesson's argument value stands for: the recipe's own mapping when it has one
 * (`message_retention_seconds` → `retention_days`), else the parameter of the same name. A value the
 * parameter's schema refuses stays a note of its own instead.
 */
export function lessonParams(recipe: RecipeDefinition, values: readonly LessonValue[]): LessonParams {
  const shape = recipe.params instanceof z.ZodObject ? (recipe.params.shape as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const v of values) {
    const mapped =
      recipe.fromArguments?.[v.attribute]?.(v.value) ??
      (v.attribute in shape && v.attribute !== "name" ? { [v.attribute]: v.value } : null);
    const fits =
      mapped !== null &&
      Object.entries(mapped).every(([k, value]) => {
        const field = shape[k];
        return field instanceof z.ZodType && field.safeParse(value).success;
      });
    if (fits) Object.assign(params, mapped);
    else
      notes.push(
        `${inlineCode(`${v.attribute} = ${JSON.stringify(v.value)}`)} from lesson ${inlineCode(v.lesson)}`,
      );
  }
  return { params, notes };
}
