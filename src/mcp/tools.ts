import { z } from "zod";
import { redact } from "../core/redact/index.js";
import { callCli, type CliOutcome } from "./cli-call.js";
import { proposeChange } from "./propose.js";
import { confine } from "./roots.js";

/** What a tool hands back: its JSON as structured content, or a tool error with the CLI's one-line reason. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface ToolContext {
  /** Directories the client granted; every path argument must resolve inside one. */
  roots: () => Promise<string[]>;
}

export interface ToolSpec {
  name: string;
  title: string;
  description: string;
  input: z.ZodRawShape;
  output: z.ZodType<Record<string, unknown>>;
  run: (args: Record<string, unknown>, ctx: ToolContext) => Promise<ToolResult>;
}

const path = z.string().min(1).max(4096).describe("a file or directory inside the roots the client granted");
const finding = z.looseObject({
  file: z.string(),
  line: z.number().nullable().describe("null when the finding is about the whole file"),
  severity: z.string(),
  code: z.string(),
  message: z.string(),
});

export function errorResult(message: string): ToolResult {
  return { content: [{ type: "text", text: redact(message) }], isError: true };
}

/** Exit 0 or 1 is an answer (1: the command found a problem); 2 is bad input, reported as a tool error. */
function fromCli(outcome: CliOutcome, extra: Record<string, unknown> = {}): ToolResult {
  if (outcome.code === 2 || !outcome.stdout.trim().startsWith("{"))
    return errorResult(outcome.stderr.trim() || `the command exited with ${outcome.code}`);
  const structured = { ...(JSON.parse(outcome.stdout) as Record<string, unknown>), ...extra };
  return {
    content: [{ type: "text", text: JSON.stringify(structured, null, 2) }],
    structuredContent: structured,
  };
}

async function inRoots(value: unknown, ctx: ToolContext): Promise<string> {
  return confine(String(value), await ctx.roots());
}

export const TOOLS: ToolSpec[] = [
  {
    name: "validate",
    title: "Validate Terraform",
    description:
      "Checks the Terraform in a directory offline against the AWS provider schema the repository pins: references, types, required and unknown arguments, duplicates, executable constructs. Lists which checks ran.",
    input: { path },
    output: z.looseObject({ ok: z.boolean(), findings: z.array(finding) }),
    run: async (args, ctx) => {
      const dir = await inRoots(args.path, ctx);
      return fromCli(await callCli(["validate", dir, "--json"], dir));
    },
  },
  {
    name: "inventory",
    title: "Inventory",
    description:
      "What AWS infrastructure the Terraform in a directory declares: resource and data source types with counts, modules, files.",
    input: { path },
    output: z.looseObject({ resources: z.record(z.string(), z.number()), files: z.number() }),
    run: async (args, ctx) => {
      const dir = await inRoots(args.path, ctx);
      return fromCli(await callCli(["inventory", dir, "--json"], dir));
    },
  },
  {
    name: "plan_summarize",
    title: "Summarize a Terraform plan",
    description:
      "Summarizes `terraform show -json` output: creates, updates, deletes and replacements (risks first), and what the plan marks sensitive (never its values).",
    input: { path },
    output: z.looseObject({
      create: z.number(),
      update: z.number(),
      delete: z.number(),
      replace: z.number(),
    }),
    run: async (args, ctx) => {
      const file = await inRoots(args.path, ctx);
      return fromCli(await callCli(["plan", "summarize", file, "--json"], process.cwd()));
    },
  },
  {
    name: "diagnose",
    title: "Diagnose a CI failure",
    description:
      "Diagnoses a failed CI log (a file path, or the log text itself): category, root cause, fix, confidence, whether the fix is mechanical.",
    input: {
      path: path.optional(),
      log: z
        .string()
        .max(8 * 1024 * 1024)
        .optional()
        .describe("the log text, when not given as a file"),
    },
    output: z.looseObject({
      category: z.string(),
      rootCause: z.string(),
      fix: z.string(),
      confidence: z.number(),
    }),
    run: async (args, ctx) => {
      if ((args.path === undefined) === (args.log === undefined))
        return errorResult("give either path or log");
      if (typeof args.log === "string")
        return fromCli(await callCli(["diagnose", "-", "--json"], process.cwd(), args.log));
      const file = await inRoots(args.path, ctx);
      return fromCli(await callCli(["diagnose", file, "--json"], process.cwd()));
    },
  },
  {
    name: "docs",
    title: "AWS resource documentation",
    description:
      "Documentation for an AWS provider resource type (data.TYPE for a data source): its page and arguments, live or from the cache, else from the bundled schema.",
    input: {
      type: z.string().regex(/^(data\.)?aws_[a-z0-9_]+$/, "an AWS resource type like aws_s3_bucket"),
      offline: z.boolean().optional().describe("use only the cache and the bundled schema"),
    },
    output: z.looseObject({ type: z.string(), source: z.string() }),
    run: async (args) =>
      fromCli(
        await callCli(
          ["docs", String(args.type), "--json", ...(args.offline === true ? ["--offline"] : [])],
          process.cwd(),
        ),
      ),
  },
  {
    name: "propose_change",
    title: "Propose an infrastructure change",
    description:
      "The offline (no model) change for a plain-English request against a local git repository: what was understood, the files, the validation, and the diff. Nothing is committed unless commit is true (then a new local branch, as `devops-agent ask` does).",
    input: {
      path,
      request: z
        .string()
        .min(3)
        .max(4000)
        .describe('what you need, e.g. "an SQS queue for orders with a dead-letter queue"'),
      commit: z.boolean().optional(),
    },
    output: z.looseObject({ files: z.array(z.unknown()), diff: z.string(), committed: z.boolean() }),
    run: async (args, ctx) => {
      const repo = await inRoots(args.path, ctx);
      const proposal = await proposeChange(repo, String(args.request), args.commit === true);
      return fromCli(proposal.outcome, { diff: redact(proposal.diff), committed: proposal.committed });
    },
  },
];
