import { inlineCode, plainText } from "../text/markdown.js";
import type { PlanRecord } from "./record.js";
import type { ApplyResult } from "./result.js";

const short = (sha: string) => sha.slice(0, 7);

export function permissionRefusal(sender: string, has: string, needs: string): string {
  return [
    `⛔ @${sender}, I did not start an apply: \`/agent apply\` needs \`${needs}\` permission on this repository, and you have \`${has}\`.`,
    "",
    "Applying changes real infrastructure, so it takes more than pushing code. A maintainer can run it; the",
    "least permission is `apply.permission` in `.github/devops-agent.yml`.",
  ].join("\n");
}

export function gateRefusal(reason: string): string {
  return `⛔ I did not start an apply: ${reason}\n\nNothing was applied.`;
}

export function missingApplyWorkflow(workflow: string): string {
  return [
    `⛔ I could not find the apply workflow \`.github/workflows/${workflow}\` on the default branch, so nothing was applied.`,
    "",
    "To add it: copy `templates/workflows/devops-agent-apply.yml` from aws-devops-agent,",
    "create the `production` environment with required reviewers, and set `AWS_APPLY_ROLE_ARN`.",
  ].join("\n");
}

/** The tracking comment: plan → approval → apply → result, as far as the app knows it. */
export function applyStarted(options: {
  record: PlanRecord;
  planUrl: string;
  planRunUrl: string;
  runUrl: string | null;
  workflowRunsUrl: string;
  environment: string;
}): string {
  const { record } = options;
  const run = options.runUrl
    ? `[apply run](${options.runUrl})`
    : `[the apply workflow's runs](${options.workflowRunsUrl})`;
  return [
    `### 🚦 Apply of \`${record.root}\` requested`,
    "",
    `- ✅ **Plan**: [plan run ${record.runId}](${options.planRunUrl}) succeeded on the head \`${short(record.sha)}\`; plan file SHA-256 \`${record.planSha256.slice(0, 12)}…\` ([plan comment](${options.planUrl})).`,
    `- ⏳ **Approval**: ${run} waits for a required reviewer of the \`${options.environment}\` environment.`,
    "- ⏸️ **Apply**: after approval, the Action checks the head, the plan run and the file's hash again, then applies exactly that plan file.",
    "- ⏸️ **Result**: this comment is updated when the apply run ends (details also in the plan comment's *Apply* section).",
    "",
    "A new push to this pull request makes this plan unusable: plan again and ask again.",
  ].join("\n");
}

/** How the apply workflow's run ended, as GitHub reports it. */
export type RunConclusion = "success" | "failure" | "cancelled" | "timed_out";

/** The tracking comment once the apply run ended: the Action's own record of the run, or only its conclusion. */
export function applyFinished(options: {
  root: string;
  runUrl: string;
  conclusion: RunConclusion;
  result: ApplyResult | null;
  environment: string;
  planUrl: string | null;
}): string {
  const { result } = options;
  const run = `[apply run](${options.runUrl})`;
  const root = inlineCode(options.root);
  const plan = options.planUrl ? ` ([plan comment](${options.planUrl}))` : "";
  const planned = `- ✅ **Plan**: the saved plan of ${root}${plan}.`;
  const approved = `- ✅ **Approval**: a required reviewer of the ${inlineCode(options.environment)} environment approved (the job started).`;
  if (
    (!result || result.stage === "applying") &&
    options.conclusion !== "success" &&
    options.conclusion !== "failure"
  ) {
    const how = options.conclusion === "cancelled" ? "was cancelled" : "timed out";
    return [
      `### ⏹️ Apply of ${root}: the run ${how}`,
      "",
      planned,
      `- ⏹️ **Apply**: ${run} ${how} ${result ? "while terraform was applying" : "before the Action recorded an outcome"}.`,
      "",
      result
        ? "Part of the plan may be applied and the state may still be locked: check the run and the state, then plan the current head again (`/agent plan`) before another `/agent apply`."
        : "If it stopped during `terraform apply`, part of the plan may be applied: check the run, then plan again (`/agent plan`) before another `/agent apply`.",
    ].join("\n");
  }
  if (!result || result.stage === "applying")
    return [
      `### ${options.conclusion === "success" ? "❔" : "❌"} Apply of ${root}: the run ended without a result from the Action`,
      "",
      planned,
      `- ${options.conclusion === "success" ? "❔" : "❌"} **Apply**: ${run} ended with \`${options.conclusion}\` before the Action recorded an outcome (rejected approval, a failing earlier step, or an older Action). Check the run before assuming anything was applied.`,
    ].join("\n");
  const detail = result.detail === "" ? "" : `: ${plainText(result.detail)}`;
  switch (result.stage) {
    case "refused":
      return [
        `### ⛔ Apply of ${root} refused`,
        "",
        planned,
        approved,
        `- ⛔ **Refused** by the Action before applying${detail}. See ${run}. Nothing was applied.`,
        "",
        "Plan the current head again (`/agent plan`), check the new plan, then `/agent apply`.",
      ].join("\n");
    case "applied":
      return [
        `### ✅ Apply of ${root} done`,
        "",
        planned,
        approved,
        `- ✅ **Applied** in ${run}${detail}`,
      ].join("\n");
    case "failed":
      return [
        `### ❌ Apply of ${root} failed`,
        "",
        planned,
        approved,
        `- ❌ **Failed** ${result.step === "credentials" ? "assuming the apply role" : `at ${inlineCode(result.step ?? "apply")}`} in ${run}${detail}`,
        ...(result.stale
          ? [
              "",
              "The saved plan is **stale**: the state changed after it was planned. Run `/agent plan` again, review it, then `/agent apply`.",
            ]
          : ["", "The plan comment's *Apply* section has the error excerpt."]),
      ].join("\n");
  }
}
