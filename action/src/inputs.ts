import { z } from "zod";
import { terraformBinary } from "./binary.js";
import { parseRoots } from "./roots.js";

/** Action inputs arrive as INPUT_<NAME> environment variables (the name upper-cased, hyphens kept). */
export function rawInput(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
  return value === "" ? undefined : value;
}

const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const bool = z
  .enum(["true", "false"], { error: 'expected "true" or "false"' })
  .transform((v) => v === "true");

export const inputSchema = z.object({
  /** plan (pull requests), apply (a saved plan, dispatched by `/agent apply`) or drift (scheduled). */
  mode: z.enum(["plan", "apply", "drift"], { error: "expected plan, apply or drift" }).default("plan"),
  /** apply: the commit that was planned; the pull request's head must still be it. */
  "head-sha": z
    .string()
    .regex(/^[0-9a-f]{40}$/, "expected the 40-character commit SHA that was planned")
    .optional(),
  /** apply: the plan run whose artifact holds the saved plan file. */
  "plan-run-id": z.coerce.number({ error: "expected a workflow run id" }).int().positive().optional(),
  /** apply: the directory the plan artifact was downloaded to. */
  "plan-dir": z.string().min(1).optional(),
  /** apply: the plan file's SHA-256 as the app verified it (checked again against the plan record). */
  "plan-sha256": z
    .string()
    .regex(/^[0-9a-f]{64}$/, "expected a SHA-256 in hex")
    .optional(),
  /** apply: the plan workflow's file name; the plan run must come from it. */
  "plan-workflow": z
    .string()
    .regex(/^[\w.-]+\.ya?ml$/, "expected a workflow file name like devops-agent-plan.yml")
    .default("devops-agent-plan.yml"),
  "role-to-assume": z
    .string({ error: "required: the ARN of the plan role" })
    .regex(
      /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
      "expected an IAM role ARN like arn:aws:iam::123456789012:role/plan",
    ),
  "aws-region": z
    .string({ error: "required, e.g. us-east-1" })
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "expected a region like us-east-1"),
  audience: z.string().min(1).default("sts.amazonaws.com"),
  "role-session-name": z
    .string()
    .regex(/^[\w+=,.@-]{2,64}$/, "expected 2-64 characters of letters, digits and +=,.@_-")
    .optional(),
  "role-duration-seconds": z.coerce.number().int().min(900).max(43_200).default(3600),
  "working-directory": z
    .string()
    .default(".")
    .transform((text, ctx) => {
      try {
        return parseRoots(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Checked against the runner's tool cache in parseInputs (binary.ts): a name or a cached path only. */
  "terraform-binary": z.string().default("terraform"),
  "init-args": z.string().default(""),
  "plan-args": z.string().default(""),
  "github-token": z.string({ error: "required: pass ${{ github.token }}" }).min(1),
  comment: z.enum(["always", "on-change", "never"]).default("always"),
  "fail-on-delete": bool.default(false),
  /** Terraform gets the credentials directly; later steps see them only when this asks for it. */
  "export-credentials": bool.default(false),
  "allowed-account-ids": z
    .string()
    .default("")
    .transform(list)
    .pipe(z.array(z.string().regex(/^\d{12}$/, "expected 12-digit AWS account ids"))),
  "pull-request": z.coerce.number().int().positive().optional(),
  cost: bool.optional(),
  "max-monthly-increase": z.coerce
    .number({ error: "expected a number of USD, e.g. 500" })
    .nonnegative("expected a number of USD, e.g. 500")
    .optional(),
});

export type Inputs = z.infer<typeof inputSchema>;

const NAMES = Object.keys(inputSchema.shape) as (keyof Inputs)[];

/** Parses every input once; a failure names the input and what was expected. */
export function parseInputs(env: NodeJS.ProcessEnv): Inputs {
  const raw = Object.fromEntries(
    NAMES.flatMap((name) => {
      const value = rawInput(env, name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const result = inputSchema.safeParse(raw);
  if (result.success) {
    try {
      result.data["terraform-binary"] = terraformBinary(result.data["terraform-binary"], env);
    } catch (error) {
      throw new Error(`input terraform-binary: ${(error as Error).message}`, { cause: error });
    }
    for (const name of ["init-args", "plan-args"] as const) {
      try {
        splitArgs(result.data[name]);
      } catch (error) {
        throw new Error(`input ${name}: ${(error as Error).message}`, { cause: error });
      }
    }
    return result.data;
  }
  const issue = result.error.issues[0];
  throw new Error(`input ${String(issue?.path[0] ?? "?")}: ${issue?.message ?? "invalid"}`);
}

/** Splits init-args/plan-args into arguments like a shell would quote them; no shell ever sees them. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let started = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? "";
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < text.length) current += text[(i += 1)] ?? "";
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) args.push(current);
      current = "";
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in arguments: ${text}`);
  if (started) args.push(current);
  return args;
}

/** A default session name from the repository and run: visible in CloudTrail, valid for STS. */
export function defaultSessionName(env: NodeJS.ProcessEnv): string {
  const repo = (env.GITHUB_REPOSITORY ?? "repo").split("/").pop() ?? "repo";
  const name = `devops-agent-${repo}-${env.GITHUB_RUN_ID ?? "local"}`.replace(/[^\w+=,.@-]/g, "-");
  return name.slice(0, 64);
}
