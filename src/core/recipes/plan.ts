import { redact } from "../redact/index.js";
import { CATALOGUE } from "./catalogue/index.js";
import { analyse } from "./parse/analyse.js";
import { cleanRequest } from "./parse/sanitize.js";
import { FILLER } from "./parse/words.js";
import { assemble, parseContext, RecipeError, resolve } from "./render.js";
import type { Resolved } from "./render.js";
import { lessonParams, type LessonValue } from "./lesson-values.js";
import { summarize } from "./summary.js";
import type { RecipeContext, RecipePlan } from "./types.js";
import { wire } from "./wire.js";

const MENU = CATALOGUE.map((r) => r.title).join(", ");
const MODIFY =
  /\b(?:improve|fix|update|change|modify|delete|remove|rename|refactor|upgrade|migrate|better|optimi[sz]e|clean\s*up|tidy)\b/i;
const CREATE = /\b(?:add|create|need|want|new|provision|set\s*up|give|make\s+(?:a|an|me)|build|deploy)\b/i;

/** Echoed text keeps words only: no template markers, quotes or markup to carry into a PR body. */
const printable = (text: string): string =>
  text
    .replace(/[^\p{L}\p{N} .,'/@:_+-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);

function nothing(questions: string[], unrecognized: string[], removed: string[]): RecipePlan {
  const notes = removed.length > 0 ? [`Removed before reading: ${removed.join(", ")}.`] : [];
  const summary = [
    "### I need more detail",
    "",
    ...questions.map((q) => `- ${q}`),
    ...notes.map((n) => `- ${n}`),
  ].join("\n");
  return {
    blocks: [],
    files: [],
    resources: [],
    summary: redact(summary),
    unrecognized: unrecognized.map(redact),
    questions: questions.map(redact),
  };
}

/**
 * Plain-English request → secure building blocks rendered in the repository's conventions.
 * Never guesses: an empty or vague request returns questions and no files.
 */
export function planRecipes(
  request: string,
  ctxInput: RecipeContext,
  options: {
    /**
     * Argument values lessons set on the blocks after rendering: the plan is made again with them so the
     * summary describes the final values, not the recipe's defaults.
     */
    lessonValues?: readonly LessonValue[];
  } = {},
): RecipePlan {
  const ctx = parseContext(ctxInput);
  const { text, removed } = cleanRequest(typeof request === "string" ? request : "");
  if (text === "") {
    return nothing(
      [`The request is empty. What AWS infrastructure do you need? Offline I can add: ${MENU}.`],
      [],
      removed,
    );
  }
  const analysis = analyse(text, ctx);
  const { findings } = analysis;
  const planned = wire({ drafts: analysis.drafts, wishes: analysis.alarmWishes, ctx, findings });
  const leftovers = analysis.clauses
    .flatMap((c) => c.leftovers(FILLER))
    .filter((l) => !findings.unrecognized.includes(l));
  const unrecognized = [...findings.unrecognized, ...leftovers]
    .map((u) => redact(printable(u)))
    .filter((u) => u !== "")
    .slice(0, 30);
  if (planned.length === 0) {
    const questions = [...findings.questions];
    if (MODIFY.test(text) && !CREATE.test(text))
      questions.push(
        "Changing existing infrastructure needs a model (configure an LLM); offline I can only add new building blocks.",
      );
    if (questions.length === 0)
      questions.push(
        `Which AWS building block do you need? Offline I can add: ${MENU}. For example: "an encrypted S3 bucket for audit logs with 90-day retention".`,
      );
    return nothing([...new Set(questions)], unrecognized, removed);
  }
  const resolved: Resolved[] = [];
  const questions = [...findings.questions];
  const lessonNotes = new Map<string, string[]>();
  for (const p of planned) {
    try {
      const first = resolve(p.recipe, { ...p.params, name: p.name });
      const values = (options.lessonValues ?? []).filter((v) => v.block === p.name);
      if (values.length === 0) {
        resolved.push(first);
        continue;
      }
      const learned = lessonParams(first.recipe, values);
      lessonNotes.set(p.name, learned.notes);
      resolved.push(resolve(p.recipe, { ...first.params, ...learned.params, name: p.name }));
    } catch (error) {
      if (!(error instanceof RecipeError)) throw error;
      questions.push(
        `I could not use what the request said for the ${p.recipe} block (${error.message}): please restate it.`,
      );
    }
  }
  let rendered;
  try {
    rendered = assemble(resolved, ctx);
  } catch (error) {
    if (!(error instanceof RecipeError)) throw error;
    return nothing([...questions, `${error.message}.`], unrecognized, removed);
  }
  const notes = [
    ...findings.notes,
    ...(removed.length > 0 ? [`Removed before reading the request: ${removed.join(", ")}.`] : []),
  ];
  const kept = planned.filter((p) =>
    resolved.some((r) => r.params.name === p.name && r.recipe.id === p.recipe),
  );
  return {
    blocks: resolved.map((r) => ({ recipe: r.recipe.id, params: r.params })),
    files: rendered.files,
    resources: rendered.resources,
    summary: summarize({
      ctx,
      planned: kept,
      rendered,
      files: rendered.files,
      notes,
      unrecognized,
      questions,
      lessonNotes,
    }),
    unrecognized,
    questions: questions.map(redact),
  };
}
