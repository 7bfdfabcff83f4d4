import type { AgentTerraform } from "../validation/terraform-mode.js";
import type { LlmClient, UsageSnapshot } from "../adapters/llm/index.js";
import type { RepoConfig } from "../core/config/index.js";
import type { RetrievedDocs } from "../core/docs/types.js";
import type { DocsQuery } from "../core/docs/select.js";
import type { Redactor } from "../core/redact/index.js";
import type { Conventions } from "../core/terraform/conventions/index.js";
import type { Inventory } from "../core/terraform/inventory/types.js";
import type { ValidationCheck } from "../core/terraform/checks.js";
import type { Finding } from "../core/terraform/types.js";
import type { ExecutableConstruct } from "../core/terraform/executable/index.js";
import type { Log } from "../tasks/types.js";
import type { PythonCheck } from "./python.js";
import type { PythonTests } from "./python-tests.js";
import type { ChangePlan } from "../core/synth/index.js";
import type { RecipeContext } from "../core/recipes/index.js";

/** Live documentation, when the caller has a docs client (`createRetriever(createDocsClient())`). */
export interface DocsRetriever {
  retrieve(
    query: DocsQuery,
    options?: { types?: readonly string[]; budgetBytes?: number },
  ): Promise<RetrievedDocs>;
}

export interface AgentInput {
  /** The checkout the agent may read and write; nothing outside it is reachable. */
  workspaceDir: string;
  request: string;
  conventions: Conventions;
  inventory: Inventory;
  config: Pick<RepoConfig, "budgets" | "protectedPaths" | "allowWorkflowEdits" | "allow">;
  /** Null: recipes only. */
  llm: LlmClient | null;
  redactor: Redactor;
  log: Log;
  now: () => number;
  docs?: DocsRetriever;
  /** The repository's lessons for the model, fenced as data by the caller. */
  lessonsContext?: string | null;
  /** Called with the generic plan before any file is written (the CLI prints it). */
  onPlan?: (plan: ChangePlan, text: string) => void | Promise<void>;
  /** Rewrites the generic plan before it is shown and rendered (lessons applied as defaults). */
  planHook?: (plan: ChangePlan) => ChangePlan;
  /** Defaults to `python3 -m py_compile`. */
  python?: PythonCheck;
  /** Runs the handler tests a change adds; defaults to pytest in the bubblewrap sandbox. */
  pythonTests?: PythonTests;
  /**
   * Real terraform in the repair rounds (`agentTerraformFromEnv`): its diagnostics come back to the model
   * like the offline findings. Default off; the PR body's checks say why.
   */
  terraform?: AgentTerraform;
}

export interface FileChanged {
  path: string;
  action: "create" | "modify";
}

export interface Refusal {
  tool: string;
  path: string;
  reason: string;
}

export interface AgentResult {
  ok: boolean;
  /** How the change was made: recipes only, or the model with tools. */
  mode: "recipes" | "generic" | "llm";
  files: FileChanged[];
  /** Resources and data sources the change adds (`data.` prefix) or removes, from an inventory diff. */
  resources: { type: string; name: string; change: "add" | "remove" }[];
  /** A pull-request title: the model's, or made from the resources added or the request. */
  title: string;
  summary: string;
  /** Why the run did not produce a deliverable change; absent when ok. */
  reason?: string;
  validation: {
    ok: boolean;
    findings: Finding[];
    skipped: string[];
    checks?: ValidationCheck[];
    nearby?: ExecutableConstruct[];
  };
  /** What the changed files held before the run (null: new), for re-validating after later steps. */
  baseline?: ReadonlyMap<string, string | null>;
  docsConsulted: { title: string; url: string }[];
  llm: UsageSnapshot;
  questions?: string[];
  refusals: Refusal[];
  /** The generic plan, when the recipes did not cover the request. */
  plan?: ChangePlan;
  /** Recipes mode: what they were planned from, so a later step can describe final values (lessons). */
  recipes?: { request: string; context: RecipeContext };
}
