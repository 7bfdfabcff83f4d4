import type { PlanRecord } from "./record.js";

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
    "- ⏸️ **Result**: shown in the plan comment's *Apply* section.",
    "",
    "A new push to this pull request makes this plan unusable: plan again and ask again.",
  ].join("\n");
}
