import { stringify } from "yaml";
import type { RepoConfig } from "../config/index.js";
import { quote } from "../recipes/hcl/writer.js";
import { OIDC_DIR, STAGED_WORKFLOWS, type SetupFacts, type SetupItem } from "./detect.js";
import { requireName, safeName } from "./names.js";

/** The files of `templates/` setup starts from (read by `adapters/templates`). */
export interface SetupTemplates {
  workflows: { plan: string; apply: string; drift: string };
  /** `templates/aws-oidc/*.tf`, by file name. */
  oidc: Record<string, string>;
}

export interface SetupInput {
  facts: SetupFacts;
  config: Pick<RepoConfig, "plan" | "apply" | "drift" | "terraform" | "review">;
  templates: SetupTemplates;
  /** Where the Action is published (`acme/aws-devops-agent/action@v1`); null keeps the OWNER placeholder. */
  actionRef: string | null;
}

export interface SetupFile {
  path: string;
  content: string;
}

export interface RenderedSetup {
  files: SetupFile[];
  /** Roots written into TERRAFORM_ROOTS and the config (`.` for the repository root). */
  roots: string[];
  /** Roots left out because their names cannot be written safely. */
  skippedRoots: string[];
}

const PLACEHOLDER_ACTION = "OWNER/aws-devops-agent/action@v1";
const PROVIDER_BLOCK = /resource "aws_iam_openid_connect_provider" "github" \{\n[\s\S]*?\n\}\n/;

/** The files for every missing item, filled in for this repository. Names are checked before any use. */
export function renderSetup(input: SetupInput, items: readonly SetupItem[]): RenderedSetup {
  const { facts } = input;
  requireName("owner", facts.owner);
  requireName("repository", facts.repo);
  requireName("branch", facts.defaultBranch);
  requireName("environment", input.config.apply.environment);
  if (input.actionRef !== null) requireName("actionRef", input.actionRef);
  const labelled = facts.roots.map((r) => (r === "" ? "." : r));
  const roots = labelled.filter((r) => safeName("root", r));
  const skippedRoots = labelled.filter((r) => !safeName("root", r));
  const missing = new Set(items.filter((i) => i.status === "missing").map((i) => i.id));
  const files: SetupFile[] = [];
  const workflow = (text: string) => fillWorkflow(text, roots.length ? roots : ["."], input);
  const { workflows } = input.templates;
  const { plan, apply, drift } = input.config;
  if (missing.has("plan-workflow"))
    files.push({ path: `${STAGED_WORKFLOWS}/${plan.workflow}`, content: workflow(workflows.plan) });
  if (missing.has("apply-workflow"))
    files.push({ path: `${STAGED_WORKFLOWS}/${apply.workflow}`, content: workflow(workflows.apply) });
  if (missing.has("drift-workflow"))
    files.push({ path: `${STAGED_WORKFLOWS}/${drift.workflow}`, content: workflow(workflows.drift) });
  if (missing.has("config"))
    files.push({ path: ".github/devops-agent.yml", content: renderConfig(input, roots) });
  if (missing.has("oidc")) files.push(...renderOidc(input));
  return { files, roots, skippedRoots };
}

function fillWorkflow(template: string, roots: readonly string[], input: SetupInput): string {
  const environment = input.config.apply.environment;
  let text = template
    .replace(/^(\s*)TERRAFORM_ROOTS: \|\n\s+\.\n/m, (_m, indent: string) =>
      [`${indent}TERRAFORM_ROOTS: |`, ...roots.map((r) => `${indent}  ${r}`), ""].join("\n"),
    )
    .replace(/^(\s*)environment: production$/m, `$1environment: ${environment}`)
    .replace(/^(\s*)DEVOPS_AGENT_ENVIRONMENT: production$/m, `$1DEVOPS_AGENT_ENVIRONMENT: ${environment}`);
  if (input.actionRef !== null) text = text.split(PLACEHOLDER_ACTION).join(input.actionRef);
  return text;
}

function renderConfig(input: SetupInput, roots: readonly string[]): string {
  const { config } = input;
  const body = stringify({
    terraform: { roots: config.terraform.roots.length > 0 ? config.terraform.roots : roots },
    plan: { workflow: config.plan.workflow },
    apply: {
      workflow: config.apply.workflow,
      environment: config.apply.environment,
      permission: config.apply.permission,
    },
    drift: { workflow: config.drift.workflow, label: config.drift.label },
    review: { auto: true },
  });
  return [
    "# aws-devops-agent settings, written by /agent setup. Every field has a safe default; these are the",
    "# ones setup chose for this repository (docs/configuration.md lists the rest).",
    body,
  ].join("\n");
}

/** The OIDC roles: the template, its trust subjects filled in through terraform.tfvars for this repository. */
function renderOidc(input: SetupInput): SetupFile[] {
  const { facts, templates } = input;
  const reuse = facts.existingProvider !== null;
  const files: SetupFile[] = [];
  for (const [name, text] of Object.entries(templates.oidc).sort(([a], [b]) => a.localeCompare(b))) {
    files.push({ path: `${OIDC_DIR}/${name}`, content: reuse ? reuseProvider(name, text) : text });
  }
  const vars: [string, string][] = [
    ["github_owner", quote(facts.owner)],
    ["github_repo", quote(facts.repo)],
    ["apply_environment", quote(input.config.apply.environment)],
    ["drift_branch", quote(facts.defaultBranch)],
  ];
  const width = Math.max(...vars.map(([k]) => k.length));
  files.push({
    path: `${OIDC_DIR}/terraform.tfvars`,
    content: [
      "# This repository's identity in the trust policies: plan role for its pull requests (and the drift",
      "# check on the default branch), apply role only for jobs in the protected environment.",
      ...vars.map(([k, v]) => `${k.padEnd(width)} = ${v}`),
      "",
      "# Grant the apply role only what your Terraform manages, e.g.",
      '# apply_policy_arns = ["arn:aws:iam::123456789012:policy/terraform-apply"]',
      "",
    ].join("\n"),
  });
  return files;
}

/** One GitHub OIDC provider per AWS account: when the repository manages one, the roles look it up. */
function reuseProvider(name: string, text: string): string {
  let out = text;
  if (name === "main.tf") {
    out = out.replace(
      PROVIDER_BLOCK,
      [
        "# The repository's Terraform already manages GitHub's OIDC provider (one per account): look it up.",
        'data "aws_iam_openid_connect_provider" "github" {',
        '  url = "https://${local.oidc_host}"',
        "}",
        "",
      ].join("\n"),
    );
  }
  return out.replace(/(?<!data\.)aws_iam_openid_connect_provider\.github\.arn/g, (ref) => `data.${ref}`);
}
