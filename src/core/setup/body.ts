import { inlineCode } from "../text/markdown.js";
import { OIDC_DIR, STAGED_WORKFLOWS, type SetupItem, type SetupItemId } from "./detect.js";
import type { RenderedSetup } from "./render.js";

export const SETUP_BRANCH = "agent/setup";
/** The check run `/agent review` and `review.auto` post (tasks/review.ts REVIEW_CHECK). */
const REVIEW_CHECK = "devops-agent review";

const LABEL: Record<SetupItemId, string> = {
  "plan-workflow": "the plan workflow (plans every pull request that touches Terraform)",
  "apply-workflow": "the apply workflow (`/agent apply`, in a protected environment)",
  "drift-workflow": "the drift workflow (weekday drift checks of the default branch)",
  config: "`.github/devops-agent.yml` with the detected Terraform roots",
  oidc: "the AWS OIDC roles as Terraform (plan, apply and drift trust for this repository only)",
};

export interface SetupContext {
  owner: string;
  repo: string;
  defaultBranch: string;
  environment: string;
  /** The Action reference written into the workflows, or null when the OWNER placeholder was kept. */
  actionRef: string | null;
  reusedProvider: { file: string; address: string } | null;
}

/** The setup PR: what it adds, why the workflows are not in `.github/workflows/`, and the human steps. */
export function setupPullBody(
  items: readonly SetupItem[],
  rendered: RenderedSetup,
  ctx: SetupContext,
): string {
  const missing = items.filter((i) => i.status === "missing");
  const there = items.filter((i) => i.status !== "missing");
  const workflows = rendered.files.filter((f) => f.path.startsWith(`${STAGED_WORKFLOWS}/`));
  const repo = `${ctx.owner}/${ctx.repo}`;
  const steps: string[] = [];
  if (workflows.length > 0) {
    steps.push(
      `- [ ] **Move the workflows into place** (after merging, or on this branch): ${inlineCode(`git mv ${STAGED_WORKFLOWS}/*.yml .github/workflows/`)} — see *Why the workflows are not in .github/workflows* below.`,
    );
  }
  if (ctx.actionRef === null && workflows.length > 0) {
    steps.push(
      `- [ ] Replace ${inlineCode("OWNER/aws-devops-agent/action@v1")} in the workflows with where your organisation publishes the Action (this deployment does not say: its operator can set ${inlineCode("ACTION_REF")}).`,
    );
  }
  if (missing.some((i) => i.id === "oidc")) {
    steps.push(
      `- [ ] **Apply the OIDC Terraform** in ${inlineCode(OIDC_DIR)} once, with administrator credentials in the target account: set ${inlineCode("apply_policy_arns")} (only what your Terraform manages) in ${inlineCode("terraform.tfvars")}, then ${inlineCode("terraform init && terraform apply")}. The plan role trusts only ${inlineCode(`repo:${repo}:pull_request`)} and ${inlineCode(`repo:${repo}:ref:refs/heads/${ctx.defaultBranch}`)} (drift); the apply role only ${inlineCode(`repo:${repo}:environment:${ctx.environment}`)}.`,
    );
  }
  steps.push(
    `- [ ] **Create the environment** ${inlineCode(ctx.environment)}: Settings → Environments → New environment → *Required reviewers* (people who approve applies) and *Deployment branches*: ${inlineCode(ctx.defaultBranch)} only.`,
    `- [ ] **Set repository variables** (Settings → Secrets and variables → Actions → Variables): ${inlineCode("AWS_PLAN_ROLE_ARN")} (output ${inlineCode("plan_role_arn")}), ${inlineCode("AWS_REGION")}, ${inlineCode("AWS_ACCOUNT_ID")}; and on the ${inlineCode(ctx.environment)} environment ${inlineCode("AWS_APPLY_ROLE_ARN")} (output ${inlineCode("apply_role_arn")}). The workflows read exactly these names (${inlineCode("vars.AWS_PLAN_ROLE_ARN")}, ${inlineCode("vars.AWS_APPLY_ROLE_ARN")}, ${inlineCode("vars.AWS_REGION")}, ${inlineCode("vars.AWS_ACCOUNT_ID")}).`,
    `- [ ] **Protect ${inlineCode(ctx.defaultBranch)}**: Settings → Branches (or Rulesets) → require status checks → ${inlineCode(REVIEW_CHECK)} (the review check run; ${inlineCode("review.auto")} is on in the config this PR adds, or comment ${inlineCode("/agent review")}) and the plan job.`,
  );
  const reused = ctx.reusedProvider
    ? [
        "",
        `The repository already manages GitHub's OIDC provider (${inlineCode(ctx.reusedProvider.address)} in ${inlineCode(ctx.reusedProvider.file)}); an AWS account can hold only one, so the roles look it up with a data source instead of creating a second.`,
      ]
    : [];
  const skipped =
    rendered.skippedRoots.length > 0
      ? [
          "",
          `⚠️ Left out of ${inlineCode("TERRAFORM_ROOTS")} and the config because their names cannot be written safely: ${rendered.skippedRoots.map(inlineCode).join(", ")}. Add them by hand if they are roots.`,
        ]
      : [];
  return [
    "## Set up aws-devops-agent",
    "",
    `\`/agent setup\` found what this repository is missing and adds only that. Terraform roots detected: ${rendered.roots.length > 0 ? rendered.roots.map(inlineCode).join(", ") : "none (the workflows plan `.`; edit `TERRAFORM_ROOTS`)"}.`,
    "",
    "### What this adds",
    "",
    ...missing.map((i) => `- ${LABEL[i.id]}: ${inlineCode(i.path)}`),
    ...(there.length > 0
      ? [
          "",
          "### Already there (left alone)",
          "",
          ...there.map(
            (i) =>
              `- ${LABEL[i.id]}: ${inlineCode(i.path)}${i.status === "staged" ? " — not moved to `.github/workflows/` yet" : ""}`,
          ),
        ]
      : []),
    ...reused,
    ...skipped,
    "",
    "### What a person must do",
    "",
    ...steps,
    "",
    ...(workflows.length > 0
      ? [
          "### Why the workflows are not in .github/workflows",
          "",
          `GitHub refuses any push from an app that creates or changes files under ${inlineCode(".github/workflows/")} unless the app holds the ${inlineCode("workflows")} permission. This app deliberately does not ask for it: with it, anything the agent writes could change what your CI runs, with your CI's credentials. So the workflows are in ${inlineCode(STAGED_WORKFLOWS)}, where they do nothing until a person moves them.`,
          "",
        ]
      : []),
    "Re-running `/agent setup` updates this pull request; nothing here runs until people merge it and do the steps above.",
  ].join("\n");
}

/** `/agent setup` when everything is there: what was found, and what may still be waiting for a person. */
export function nothingMissingMessage(items: readonly SetupItem[]): string {
  const staged = items.filter((i) => i.status === "staged");
  return [
    "### ✅ Nothing to set up",
    "",
    "This repository already has everything `/agent setup` adds, so I opened no pull request:",
    "",
    ...items.map((i) => `- ${LABEL[i.id]}: ${inlineCode(i.path)}`),
    ...(staged.length > 0
      ? [
          "",
          `Still to do: move ${staged.map((i) => inlineCode(i.path)).join(", ")} to ${inlineCode(".github/workflows/")} (the app cannot write there).`,
        ]
      : []),
  ].join("\n");
}

export function setupOpenedMessage(pr: { number: number; url: string; created: boolean }, n: number): string {
  const verb = pr.created ? "opened" : "updated";
  return `I ${verb} [#${pr.number}](${pr.url}) with the ${n} file${n === 1 ? "" : "s"} this repository is missing, and a checklist of what a person must do in AWS and GitHub settings.`;
}

export const ONBOARDING_KIND = "onboarding";
export const ONBOARDING_TITLE = "Set up aws-devops-agent";

/** The issue opened once on installation: what setup would add; a person decides. */
export function onboardingIssueBody(items: readonly SetupItem[], roots: readonly string[]): string {
  const missing = items.filter((i) => i.status === "missing");
  return [
    "## 👋 aws-devops-agent is installed here",
    "",
    `Comment ${inlineCode("/agent setup")} on this issue and I will open one pull request that adds what this repository is missing:`,
    "",
    ...missing.map((i) => `- ${LABEL[i.id]}`),
    "",
    `Terraform roots I found: ${roots.length > 0 ? roots.map(inlineCode).join(", ") : "none yet"}.`,
    "",
    "The pull request carries a checklist of what a person must do in AWS and GitHub settings (the protected environment, the OIDC roles, the role ARNs as repository variables). Nothing is applied or changed until people merge it.",
    "",
    "Close this issue if you do not want it: I open it once and never reopen it.",
  ].join("\n");
}
