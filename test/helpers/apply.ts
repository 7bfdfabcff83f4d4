// Fixtures for `/agent apply`: the PR, the plan comment the plan Action writes, and the plan run behind it.
import { renderPlanRecord, type PlanRecord } from "../../src/core/apply/record.js";
import { REPO, gh, type CommentFixture } from "./github.js";
import { examplePayload, patchPayload, type Payload } from "./payloads.js";

export const COMMENT_ID = 492700400;
export const PLAN_SHA256 = "ab".repeat(32);

export function pullRequest(patch: Payload = {}): Payload {
  const pr = examplePayload("pull_request", "opened").pull_request as Payload;
  return patchPayload(pr, { number: 1, state: "open", ...patch });
}

export function headSha(pr: Payload): string {
  return (pr.head as { sha: string }).sha;
}

export function record(sha: string, patch: Partial<PlanRecord> = {}): PlanRecord {
  return {
    v: 1,
    root: "infra/prod",
    sha,
    runId: 3001,
    runAttempt: 1,
    planSha256: PLAN_SHA256,
    artifact: "devops-agent-plan",
    file: "infra_prod.tfplan",
    at: "2026-12-06T10:00:00.000Z",
    ...patch,
  };
}

/** The plan comment as the plan Action writes it: marker first, plan text, the hidden record last. */
export function planComment(rec: PlanRecord, options: Partial<CommentFixture> = {}): CommentFixture {
  const key = rec.root.replace(/[^A-Za-z0-9._/@+=,:-]+/g, "_");
  return {
    id: 777,
    login: "github-actions[bot]",
    body: `<!-- devops-agent:plan:${key} -->\n## Terraform plan: \`${rec.root}\`\n\n**Plan: 1 to add.**\n${renderPlanRecord(rec)}\n`,
    ...options,
  };
}

export function planRun(sha: string, patch: Payload = {}): Payload {
  const run = examplePayload("workflow_run", "completed").workflow_run as Payload;
  return patchPayload(run, {
    id: 3001,
    head_sha: sha,
    status: "completed",
    conclusion: "success",
    path: ".github/workflows/devops-agent-plan.yml",
    html_url: "https://github.com/Codertocat/Hello-World/actions/runs/3001",
    repository: { full_name: "Codertocat/Hello-World" },
    ...patch,
  });
}

/** The processor's check (access.minimumPermission) and the apply task's own (apply.permission). */
export function accepted(login: string, permission: "admin" | "write", role?: string) {
  return gh()
    .noConfig()
    .permission(login, permission, role)
    .reaction(COMMENT_ID)
    .permission(login, permission, role);
}

export { REPO };
