import { excerptFromStream, type StreamExcerpt } from "../../adapters/logs/index.js";
import type { RunJob } from "../../adapters/github/index.js";
import {
  diagnose,
  diagnosisCandidates,
  schemaArgumentSuggester,
  type ArgumentSuggester,
  type Diagnosis,
  type JobDiagnosis,
} from "../../core/diagnosis/index.js";
import { loadAwsProviderSchema } from "../../core/terraform/schema/index.js";
import type { TaskContext } from "../types.js";
import { withDocs } from "./docs.js";
import { diagnoseWithModel } from "./llm.js";
import type { LlmUse, RunDiagnosis, RunTarget } from "./types.js";

// A matrix can fail dozens of jobs with the same cause; the first few say it all and keep the comment short.
const MAX_JOBS = 5;
// Below this the knowledge base's answer is a lead, not a verdict: a configured model gets to weigh it.
const CONFIDENT = 0.8;

let suggester: ArgumentSuggester | null | undefined;

/** The provider schema is large: loaded on the first log that names an unknown argument, then kept. */
const suggestArgument: ArgumentSuggester = (resourceType, name) => {
  if (suggester === undefined) {
    try {
      suggester = schemaArgumentSuggester(loadAwsProviderSchema());
    } catch {
      suggester = null;
    }
  }
  return suggester ? suggester(resourceType, name) : undefined;
};

/** Lists the attempt's jobs, reads each failed job's log (streamed, capped) and diagnoses it. */
export async function diagnoseRunJobs(ctx: TaskContext, run: RunTarget): Promise<RunDiagnosis> {
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const jobs = await ctx.github.runJobs({ ...repo, runId: run.runId, attempt: run.attempt });
  const failed = jobs.filter((job) => job.conclusion === "failure" || job.conclusion === "timed_out");
  const use: LlmUse = { calls: 0, promptTokens: 0, completionTokens: 0 };
  const results: JobDiagnosis[] = [];
  for (const job of failed.slice(0, MAX_JOBS)) {
    results.push(await diagnoseJob(ctx, run, job, use));
  }
  return { jobs: results, llm: use };
}

async function diagnoseJob(
  ctx: TaskContext,
  run: RunTarget,
  job: RunJob,
  use: LlmUse,
): Promise<JobDiagnosis> {
  const base = { job: job.name, ...(job.url ? { url: job.url } : {}) };
  let excerpt: StreamExcerpt;
  try {
    excerpt = await readLog(ctx, job.id);
  } catch (error) {
    const reason = ctx.redactor.redact(error instanceof Error ? error.message : String(error));
    ctx.log.warn({ job: ctx.job.id, runJob: job.id, err: reason }, "job log unavailable");
    return { ...base, failingStep: job.failedSteps[0] ?? null, diagnosis: logUnavailable(reason) };
  }
  const failingStep = excerpt.failingStep ?? job.failedSteps[0] ?? null;
  const input = { ...excerpt, failingStep };
  const repository = `${ctx.thread.owner}/${ctx.thread.repo}`;
  const repo = { repository, branch: run.headBranch, ...(run.event ? { event: run.event } : {}) };
  const options = { redactor: ctx.redactor, suggestArgument, repo };
  const known = diagnose(input, options);
  const diagnosis =
    known && known.confidence >= CONFIDENT
      ? await withDocs(known, ctx.docs, ctx.log)
      : await diagnoseWithModel(ctx, input, use, {
          known,
          candidates: diagnosisCandidates(input, { ...options, limit: 3 }),
          context: { ...repo, workflow: run.workflowName, job: job.name },
        });
  if (excerpt.readCapped) {
    ctx.log.info(
      { job: ctx.job.id, runJob: job.id, bytesRead: excerpt.bytesRead },
      "job log read up to the cap",
    );
  }
  return { ...base, failingStep, diagnosis };
}

async function readLog(ctx: TaskContext, jobId: number): Promise<StreamExcerpt> {
  const download = await ctx.github.jobLog({ owner: ctx.thread.owner, repo: ctx.thread.repo }, jobId);
  try {
    return await excerptFromStream(download.body, { maxReadBytes: ctx.config.budgets.logBytes });
  } finally {
    // Reading may stop at the byte cap with most of the log still on the wire.
    await download.cancel();
  }
}

function logUnavailable(reason: string): Diagnosis {
  return {
    category: "other",
    title: "Job log unavailable",
    rootCause: `I could not read this job's log: ${reason}. Logs expire after the repository's retention period.`,
    fix: "Open the job on GitHub to read its log, or re-run it to produce a fresh one.",
    confidence: 0,
    evidence: [],
    source: "signature",
    signatureId: null,
    autoFixable: false,
    specifics: {},
  };
}
