import { z } from "zod";
import { findingsText } from "../check.js";
import type { AgentTool } from "./define.js";
import { defineTool } from "./define.js";
import { lookupDocs } from "./docs.js";
import { listFiles, readFile, searchRepo, writeFile } from "./files.js";
import { useRecipe } from "./recipe.js";

export const validate = defineTool({
  name: "validate",
  description:
    "Check every file you changed: HCL parses, resource types and arguments exist in the AWS provider schema, " +
    "required arguments are present, Terraform is in fmt layout, Python compiles.",
  schema: z.object({}),
  async run(_args, session) {
    if (session.changes.size === 0) return "nothing to validate: no file has been changed yet";
    const result = await session.validate();
    const skipped = result.skipped.map((s) => `- skipped: ${s}`).join("\n");
    if (result.findings.length === 0) return `valid: no findings${skipped === "" ? "" : `\n${skipped}`}`;
    return [`${result.ok ? "valid, with warnings" : "NOT valid"}:`, findingsText(result.findings), skipped]
      .filter(Boolean)
      .join("\n");
  },
});

export const FinishSchema = z.object({
  title: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("a pull-request title, imperative, under 72 characters"),
  summary: z.string().min(1).max(4000).describe("what you changed and why, for the reviewer (markdown)"),
  questions: z
    .array(z.string().min(1).max(500))
    .max(10)
    .optional()
    .describe("only when the request is too vague to act on: what you need to know"),
});

/** Handled by the loop itself (it validates before accepting); here only for its schema and description. */
export const finish = defineTool({
  name: "finish",
  description:
    "End the job with a summary. The change is validated first; errors come back to you to repair.",
  schema: FinishSchema,
  run: () => Promise.resolve("finished"),
});

export const TOOLS: readonly AgentTool[] = [
  listFiles,
  readFile,
  searchRepo,
  writeFile,
  useRecipe,
  lookupDocs,
  validate,
  finish,
];

export const toolByName = (name: string): AgentTool | undefined =>
  TOOLS.find((t) => t.definition.name === name);
