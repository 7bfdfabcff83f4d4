import { redact } from "../redact/index.js";
import type { RenderResult } from "./render.js";
import type { FileChange, RecipeContext } from "./types.js";
import type { Planned } from "./wire-links.js";

const LAYOUT: Record<RecipeContext["fileLayout"], string> = {
  per_service: "one file per service",
  single_main: "everything in main.tf",
};
const TAGS: Record<RecipeContext["tags"]["style"], (expr?: string) => string> = {
  default_tags: () => "tags come from the provider's default_tags, so resources carry no tags block",
  per_resource_merge: (expr) => `each taggable resource gets \`tags = merge(${expr ?? "…"}, { Name = … })\``,
  none: () => "the repository does not tag resources, so neither do these",
};

export interface SummaryInput {
  ctx: RecipeContext;
  planned: Planned[];
  rendered: RenderResult;
  files: FileChange[];
  notes: string[];
  unrecognized: string[];
  questions: string[];
  /** Per block name: values lessons set that no recipe parameter describes. */
  lessonNotes?: ReadonlyMap<string, string[]>;
}

/** Markdown for a PR body or a CLI answer: what is added, why it is safe, what was assumed or not understood. */
export function summarize(input: SummaryInput): string {
  const { ctx, planned, rendered, files } = input;
  const lines: string[] = ["### What this adds (offline recipes, no model used)", ""];
  rendered.notes.forEach((block, i) => {
    lines.push(`**${block.recipe} \`${block.name}\`**`);
    for (const note of block.notes) lines.push(`- ${note}`);
    for (const note of input.lessonNotes?.get(block.name) ?? []) lines.push(`- ${note}`);
    for (const link of planned[i]?.wiring ?? []) lines.push(`- wiring: ${link}`);
    lines.push("");
  });
  lines.push("### How it fits the repository", "");
  lines.push(
    `- layout: ${LAYOUT[ctx.fileLayout]}; files: ${files.map((f) => `\`${f.path}\` (${f.mode})`).join(", ")}`,
  );
  lines.push(
    `- naming: ${ctx.namePrefixExpression === undefined ? "no prefix convention found, plain names" : `names start with \`${ctx.namePrefixExpression}\``}`,
  );
  lines.push(`- tags: ${TAGS[ctx.tags.style](ctx.tags.expression)}`);
  if (ctx.region !== undefined) lines.push(`- region: ${ctx.region}, from the existing provider`);
  if (ctx.providerAlias !== undefined) lines.push(`- provider: \`aws.${ctx.providerAlias}\``);
  lines.push(
    `- ${rendered.resources.length} resources and data sources, all checked for name collisions with the ${ctx.existingResources.length} already declared`,
  );
  if (input.notes.length > 0)
    lines.push("", "### Assumptions and notes", "", ...input.notes.map((n) => `- ${n}`));
  if (input.unrecognized.length > 0)
    lines.push("", "### Not understood (ignored)", "", ...input.unrecognized.map((u) => `- "${u}"`));
  if (input.questions.length > 0)
    lines.push("", "### Questions", "", ...input.questions.map((q) => `- ${q}`));
  return redact(lines.join("\n").trimEnd());
}
