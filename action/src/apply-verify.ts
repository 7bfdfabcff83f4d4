import { lstat, readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { planRunRefusal, sameRoot } from "../../src/core/apply/gate.js";
import { type PlanRecord, readPlanRecord } from "../../src/core/apply/record.js";
import type { GitHubComments } from "./github.js";

/** Why the apply must not run; `comment` is the plan comment to report on, when one was found. */
export class ApplyRefusal extends Error {
  constructor(
    message: string,
    readonly comment?: { id: number; body: string },
  ) {
    super(message);
    this.name = "ApplyRefusal";
  }
}

export interface ApplyRequest {
  root: string;
  pr: number;
  headSha: string;
  planRunId: number;
  planDir: string;
  planSha256: string | undefined;
  planWorkflow: string;
  repository: string;
  marker: string;
  selfRunId: number | undefined;
}

export interface VerifiedPlan {
  record: PlanRecord;
  /** The plan file's bytes, read once: hashed, then written to the file terraform applies. */
  bytes: Buffer;
  comment: { id: number; body: string; url: string };
}

const Pull = z.object({ state: z.string(), head: z.object({ sha: z.string() }) });
const RunSchema = z.object({
  id: z.number(),
  head_sha: z.string(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  path: z.string().default(""),
  html_url: z.string(),
  display_title: z.string().optional(),
  workflow_id: z.number().optional(),
  repository: z.object({ full_name: z.string() }),
});
const Runs = z.object({ workflow_runs: z.array(RunSchema) });

/**
 * Everything that must hold before the apply role is requested: the pull request is open and its head is
 * still the planned commit; the plan run is the plan workflow's, on that commit, successful; the plan comment
 * written by this token's own account records that run and root; the downloaded plan file hashes to what it
 * recorded (and to what the app verified); and no other apply of this root is running.
 */
export async function verifyApply(request: ApplyRequest, github: GitHubComments): Promise<VerifiedPlan> {
  const pr = await github.get(`/pulls/${request.pr}`, Pull);
  const found = await github.find(request.pr, request.marker);
  const refuse = (why: string) => new ApplyRefusal(why, found);
  if (pr.state !== "open") throw refuse(`pull request #${request.pr} is ${pr.state}; nothing is applied.`);
  if (pr.head.sha !== request.headSha)
    throw refuse(
      `the pull request's head moved to ${pr.head.sha.slice(0, 7)} after ${request.headSha.slice(0, 7)} was planned; ` +
        "plan the new head (`/agent plan`) and ask again.",
    );
  if (!found) throw refuse(`no plan comment for ${request.root} written by this workflow's account.`);
  const record = readPlanRecord(found.body);
  if (!record || !sameRoot(record.root, request.root))
    throw refuse(`the plan comment for ${request.root} carries no plan record for it.`);
  if (record.sha !== request.headSha || record.runId !== request.planRunId)
    throw refuse(
      `the latest plan of ${request.root} is run ${record.runId} on ${record.sha.slice(0, 7)}, ` +
        `not run ${request.planRunId} on ${request.headSha.slice(0, 7)}: apply the latest plan only.`,
    );
  if (request.planSha256 !== undefined && request.planSha256 !== record.planSha256)
    throw refuse("the plan hash this apply was dispatched with differs from the one the plan run recorded.");
  const run = RunSchema.parse(await github.get(`/actions/runs/${request.planRunId}`, RunSchema));
  const runRefusal = planRunRefusal(
    {
      id: run.id,
      headSha: run.head_sha,
      status: run.status ?? "",
      conclusion: run.conclusion,
      path: run.path,
      repository: run.repository.full_name,
      url: run.html_url,
    },
    record,
    { workflowFile: request.planWorkflow, repository: request.repository },
  );
  if (runRefusal) throw refuse(runRefusal);
  const bytes = await readPlanFile(join(request.planDir, record.file), refuse);
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== record.planSha256)
    throw refuse(
      `the downloaded plan file hashes to ${actual.slice(0, 12)}…, but the plan run recorded ${record.planSha256.slice(0, 12)}…: ` +
        "it is not the file that was planned and reviewed. Nothing was applied.",
    );
  if (request.selfRunId !== undefined) await ensureAlone(github, request.selfRunId, refuse);
  return { record, bytes, comment: found };
}

async function readPlanFile(path: string, refuse: (why: string) => ApplyRefusal): Promise<Buffer> {
  const info = await lstat(path).catch(() => undefined);
  // A symlink could point anywhere on the runner; the artifact holds plain files.
  if (!info?.isFile())
    throw refuse(
      `the plan artifact has no plain file ${path.split("/").pop() ?? path} (was it downloaded?).`,
    );
  if (info.size > 512 * 1024 * 1024) throw refuse("the plan file is larger than 512 MiB.");
  return readFile(path);
}

/** One apply per root at a time, even if the workflow lost its concurrency group: same title, running. */
async function ensureAlone(
  github: GitHubComments,
  selfRunId: number,
  refuse: (why: string) => ApplyRefusal,
): Promise<void> {
  const self = await github.get(`/actions/runs/${selfRunId}`, RunSchema);
  if (self.workflow_id === undefined || self.display_title === undefined) return;
  const running = await github.get(
    `/actions/workflows/${self.workflow_id}/runs?status=in_progress&per_page=100`,
    Runs,
  );
  const other = running.workflow_runs.find((r) => r.id !== self.id && r.display_title === self.display_title);
  if (other)
    throw refuse(
      `another apply of the same root is running (${other.html_url}); one apply per root at a time.`,
    );
}
