import { createUsageMeter } from "../adapters/llm/index.js";
import { stripHiddenContent } from "../core/commands/sanitize.js";
import { planRecipes, type RecipePlan } from "../core/recipes/index.js";
import { type ChangeValidation, validateChange } from "./check.js";
import { gatherRepoContext, promptContextFor, recipeContextFor } from "./context.js";
import { type LoopOutcome, runModelLoop } from "./loop.js";
import { protectedGlobs } from "./paths.js";
import { createPythonCheck } from "./python.js";
import { createPythonTests } from "./python-tests.js";
import { createSandbox } from "../adapters/sandbox/index.js";
import type { Session } from "./session.js";
import { writeRecipeFiles } from "./tools/recipe.js";
import type { AgentInput, AgentResult } from "./types.js";
import { resourceChanges } from "./resources.js";
import { openWorkspace } from "./workspace.js";
import { docsContextFor } from "./docs-context.js";
import {
  applyPlan,
  blockedReason,
  offlineChoice,
  recipesCover,
  recipesLeaveOut,
  synthesizePlan,
} from "./synth.js";
import { describePlan, type ChangePlan } from "../core/synth/index.js";
import { EXECUTABLE_CODE_PREFIX, executablePolicy } from "../core/terraform/executable/index.js";
import { repoProviderSchema } from "./provider-schema.js";

export type * from "./types.js";
export { gatherRepoContext, recipeContextFor, type RepoContext } from "./context.js";

const NEEDS_MODEL =
  "I can't do this offline; configure a model (LLM_API_KEY / LLM_BASE_URL / LLM_MODEL) so the agent can write it";

/**
 * Turns a request into a validated change in `workspaceDir`: recipes when they cover it (no model call),
 * otherwise the model with tools. `ok` only when every changed file validates.
 */
export async function runAgent(input: AgentInput): Promise<AgentResult> {
  const request = input.redactor.redact(stripHiddenContent(input.request)).trim();
  const meter = createUsageMeter();
  const python = input.python ?? createPythonCheck();
  const pythonTests = input.pythonTests ?? createPythonTests({ sandbox: createSandbox() });
  const workspace = await openWorkspace(input.workspaceDir, protectedGlobs(input.config));
  const policy = executablePolicy(input.config);
  // Generation and the docs tool use the provider version the repository gets, like validation does.
  const providerSchema = await repoProviderSchema(workspace.root, input.conventions.root, input.inventory);
  const session: Session = {
    providerSchema,
    workspace,
    root: input.conventions.root,
    recipeContext: recipeContextFor(input.conventions, input.inventory),
    changes: new Map(),
    refusals: [],
    docsConsulted: new Map(),
    redactor: input.redactor,
    log: input.log,
    ...(input.docs === undefined ? {} : { docs: input.docs }),
    docsBudgetBytes: input.config.budgets.docsBytes,
    currentRecipeContext: async () =>
      recipeContextFor(input.conventions, (await gatherRepoContext(workspace.root)).inventory),
    validate: () =>
      validateChange(workspace.root, [...session.changes.keys()], {
        python,
        pythonTests,
        redactor: input.redactor,
        policy,
        baseline: workspace.originals(),
        ...(input.terraform ? { realTerraform: input.terraform } : {}),
      }),
  };
  input.log.info(
    { event: "agent.start", mode: input.llm === null ? "recipes" : "llm", chars: request.length },
    "agent run",
  );

  const plan = planRecipes(request, session.recipeContext);
  const covered = recipesCover(plan, providerSchema, request);
  // Under the recipes, the schema-driven plan; the model (when configured) starts from it and its checks.
  const candidate = covered
    ? null
    : synthesizePlan(request, session.recipeContext, input.inventory, input.conventions.root, {
        schema: providerSchema,
        ...(input.planHook ? { hook: input.planHook } : {}),
      });
  // A plan that found nothing to build leaves the recipes' questions ("what do you need?") to answer.
  const synth = offlineChoice(plan, candidate, providerSchema, request);
  if (synth !== null && input.onPlan) await input.onPlan(synth, describePlan(synth));
  const refused = synth !== null && synth.refusals.length > 0;
  const useModel = input.llm !== null && !covered && request !== "" && !refused;
  const outcome =
    input.llm !== null && useModel
      ? fromLoop(
          await runModelLoop({
            llm: input.llm,
            session,
            request:
              synth === null
                ? request
                : `${request}\n\nOffline plan to start from (check it; it may be incomplete):\n${describePlan(synth)}`,
            prompt: promptContextFor(input.conventions, input.inventory, input.config),
            budgets: input.config.budgets,
            meter,
            now: input.now,
            docsContext: await docsContextFor(session, request),
            lessonsContext: input.lessonsContext ?? null,
          }),
        )
      : synth !== null
        ? await fromSynth(session, synth)
        : await fromRecipes(
            session,
            plan,
            input.llm !== null,
            recipesLeaveOut(plan, providerSchema, request),
          );
  const mode = useModel ? "llm" : synth !== null ? "generic" : "recipes";
  const validation: ChangeValidation =
    session.changes.size === 0
      ? { ok: false, findings: [], skipped: [], checks: [], nearby: [] }
      : await session.validate();
  const ok = outcome.ok && validation.ok;
  const resources =
    session.changes.size === 0 ? [] : await resourceChanges(input.inventory, input.workspaceDir);
  const result: AgentResult = {
    ok,
    mode,
    files: [...session.changes].map(([path, action]) => ({ path, action })),
    resources,
    title: input.redactor.redact(stripHiddenContent(outcome.title ?? titleFor(request, resources))).trim(),
    // The summary lands in a PR body: no hidden comments (they could fake our sticky-comment markers).
    summary: input.redactor.redact(stripHiddenContent(outcome.summary)).trim(),
    ...(ok
      ? {}
      : {
          reason: input.redactor.redact(
            policyReason(validation) ?? outcome.reason ?? "the change does not validate",
          ),
        }),
    validation,
    docsConsulted: [...session.docsConsulted].map(([url, title]) => ({ title, url })),
    llm: meter.snapshot(),
    ...(outcome.questions.length > 0
      ? { questions: outcome.questions.map((q) => input.redactor.redact(q)) }
      : {}),
    refusals: session.refusals,
    baseline: new Map(workspace.originals()),
    ...(synth === null ? {} : { plan: synth }),
    ...(mode === "recipes" ? { recipes: { request, context: session.recipeContext } } : {}),
  };
  input.log.info(
    { event: "agent.end", ok, mode, files: result.files.length, llm: result.llm, reason: result.reason },
    "agent done",
  );
  return result;
}

/** A change that would add code that runs before review is refused as such, not as "does not validate". */
function policyReason(validation: ChangeValidation): string | null {
  const refused = validation.findings.filter(
    (f) => f.severity === "error" && f.code.startsWith(EXECUTABLE_CODE_PREFIX),
  );
  if (refused.length === 0) return null;
  const what = [...new Set(refused.map((f) => f.code.slice(EXECUTABLE_CODE_PREFIX.length)))].join(", ");
  return `refused by policy: the change would add code that runs before review (${what}); the repository config does not allow it`;
}

interface Outcome {
  ok: boolean;
  title?: string | null;
  summary: string;
  reason?: string;
  questions: string[];
}

/** `Add aws_sqs_queue.orders and 2 more`, or the request's first line when nothing was added. */
export function titleFor(request: string, resources: AgentResult["resources"]): string {
  const added = resources.filter((r) => r.change === "add" && !r.type.startsWith("data."));
  const first = added[0];
  if (first !== undefined) {
    // Through a module call: `Add module.logs.this (aws_cloudwatch_log_group)`.
    const what = first.name.startsWith("module.")
      ? `${first.name} (${first.type})`
      : `${first.type}.${first.name}`;
    return `Add ${what}${added.length > 1 ? ` and ${added.length - 1} more` : ""}`;
  }
  const line = request.split("\n")[0]?.trim() ?? "";
  return line === "" ? "Infrastructure request" : line.length > 72 ? `${line.slice(0, 71)}…` : line;
}

function fromLoop(outcome: LoopOutcome): Outcome {
  if (outcome.done) {
    return { ok: true, title: outcome.title, summary: outcome.summary, questions: outcome.questions };
  }
  return {
    ok: false,
    summary: `I could not complete this change: ${outcome.reason}.`,
    reason: outcome.reason,
    questions: [],
  };
}

/** The generic path: write the plan when it covers the request, or say what it does not cover. */
async function fromSynth(session: Session, plan: ChangePlan): Promise<Outcome> {
  const applied = await applyPlan(session, plan);
  if (applied.blocked !== null) {
    return { ok: false, summary: applied.text, reason: applied.blocked, questions: [] };
  }
  return { ok: true, summary: applied.text, questions: [] };
}

export { blockedReason };

/** The no-model path: write what the recipes planned, or say honestly what is missing. */
async function fromRecipes(
  session: Session,
  plan: RecipePlan,
  modelConfigured: boolean,
  leftOut: readonly string[],
): Promise<Outcome> {
  if (plan.files.length === 0) {
    const outOfScope = plan.unrecognized.length > 0 && !modelConfigured;
    const reason = outOfScope
      ? `${NEEDS_MODEL}: ${plan.unrecognized.join(", ")}`
      : "the request needs more detail";
    const summary = outOfScope ? `${reason}.\n\n${plan.summary}` : plan.summary;
    return { ok: false, summary, reason, questions: plan.questions };
  }
  // Building blocks for part of the request are not the change that was asked for: a PR under the request's
  // title would drop the rest silently ("contributor insights on a table" is not just a table).
  if (leftOut.length > 0 && !modelConfigured) {
    const reason = `part of the request is not covered offline: ${leftOut.join(", ")}`;
    return { ok: false, summary: `${reason}.\n\n${plan.summary}`, reason, questions: plan.questions };
  }
  await writeRecipeFiles(session, plan, "recipes");
  return { ok: true, summary: plan.summary, questions: plan.questions };
}
