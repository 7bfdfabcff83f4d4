import { createHclParser } from "../adapters/hcl/index.js";
import { isTerraformFile, loadTerraformDirectory } from "../adapters/terraform/index.js";
import type { PullRequestInfo } from "../adapters/github/index.js";
import {
  diffResources,
  explainFacts,
  explainPrompt,
  joinExplanation,
  latestPlans,
  renderExplanation,
  verifyAnswer,
  type ExplainFacts,
  type Explanation,
  type ReviewFact,
} from "../core/explain/index.js";
import { executablePolicy } from "../core/terraform/executable/index.js";
import { inlineCode } from "../core/text/markdown.js";
import { reviewTree } from "../validation/review.js";
import { withClone, withHead } from "./checkout.js";
import type { CommandTask, TaskContext, TaskResult } from "./types.js";

type Usage = NonNullable<TaskResult["llm"]>;

/**
 * `/agent explain`: the pull request's infrastructure change in plain words, from facts gathered here (the
 * Terraform diff between base and head, the review tables, the latest plan comment of each root). Without a
 * model the answer is rendered from the facts; with one, the model only rewords them and its text is used
 * only when every address, type and number in it is in the facts.
 */
export const explainTask: CommandTask = {
  name: "explain",
  usage: "/agent explain",
  summary:
    "Explains this PR's infrastructure change in plain words: risks first, what is created/changed/destroyed, questions for reviewers.",
  where: "pull-requests",
  async run(ctx: TaskContext): Promise<TaskResult> {
    const pr = await ctx.github.pullRequest(ctx.thread);
    const facts = await gatherFacts(ctx, pr);
    const draft = renderExplanation(facts);
    const usage: Usage = { calls: 0, promptTokens: 0, completionTokens: 0 };
    const { explanation, footnote } = await worded(ctx, facts, draft, usage);
    await ctx.github.upsertComment(
      ctx.thread,
      "explain",
      ctx.thread.number,
      joinExplanation(explanation, footnote),
    );
    return {
      outcome: "done",
      detail: `${facts.risks.length} risks`,
      ...(usage.calls > 0 ? { llm: usage } : {}),
    };
  },
};

async function gatherFacts(ctx: TaskContext, pr: PullRequestInfo): Promise<ExplainFacts> {
  const files = await ctx.github.pullRequestFiles(ctx.thread);
  const terraform = files.filter(
    (f) => isTerraformFile(f.path) || (f.previous !== undefined && isTerraformFile(f.previous)),
  );
  const changed = [...new Set(terraform.flatMap((f) => (f.previous ? [f.path, f.previous] : [f.path])))];
  const plans = latestPlans(await ctx.github.threadComments(ctx.thread), {
    planAuthor: ctx.config.apply.planAuthor,
    headSha: pr.headSha,
  });
  const pullRequest = { number: pr.number, headSha: pr.headSha, baseRef: pr.baseRef, baseSha: null };
  if (terraform.length === 0)
    return explainFacts({
      pullRequest,
      diff: diffResources({
        base: [],
        head: [],
        changed: [],
        terraformFiles: [],
        otherFiles: files.length,
        unreadable: [],
      }),
      plans,
      review: { findings: [], ran: false, why: "this pull request changes no Terraform files" },
    });
  const parser = createHclParser();
  const read = async (dir: string) => loadTerraformDirectory(dir, { parser });
  const inScope = (file: string) => changed.includes(file);
  const headSide = await withHead(ctx, pr, async (dir) => {
    const loaded = await read(dir);
    const report = await reviewTree({ root: dir, changed, policy: executablePolicy(ctx.config) });
    const findings = report.findings.flatMap((f): ReviewFact[] =>
      f.source !== "validator" && inScope(f.file)
        ? [
            {
              ruleId: f.ruleId,
              source: f.source,
              level: f.level,
              address: f.address,
              file: f.file,
              line: f.line,
              message: f.message,
            },
          ]
        : [],
    );
    return { loaded, findings };
  });
  const repo = { owner: ctx.thread.owner, name: ctx.thread.repo, branch: pr.baseRef, public: false };
  const baseSide = await withClone(ctx, repo, async (dir, sha) => ({ loaded: await read(dir), sha }));
  const unreadable = [...headSide.loaded.errors, ...baseSide.loaded.errors]
    .map((e) => e.file)
    .filter(inScope);
  return explainFacts({
    pullRequest: { ...pullRequest, baseSha: baseSide.sha },
    diff: diffResources({
      base: baseSide.loaded.files,
      head: headSide.loaded.files,
      changed,
      terraformFiles: terraform.map((f) => f.path),
      otherFiles: files.length - terraform.length,
      unreadable: [...new Set(unreadable)],
    }),
    plans,
    review: { findings: headSide.findings, ran: true, why: "" },
  });
}

const DETERMINISTIC = "Written from these facts without a model.";

/** The model's wording of the same facts when one is configured and its text checks out; ours otherwise. */
async function worded(
  ctx: TaskContext,
  facts: ExplainFacts,
  draft: Explanation,
  usage: Usage,
): Promise<{ explanation: Explanation; footnote: string }> {
  const llm = ctx.llm;
  if (!llm || !ctx.config.model.enabled || ctx.config.budgets.llmCalls < 1)
    return { explanation: draft, footnote: DETERMINISTIC };
  const fallback = (why: string) => ({
    explanation: draft,
    footnote: `The model's wording was not used (${why}); this is the text written from the same facts without it.`,
  });
  const prompt = explainPrompt(facts, draft.body, (text) => ctx.redactor.redact(text));
  usage.calls += 1;
  try {
    const answer = await llm.chat({
      messages: [
        { role: "system", content: prompt.system },
        { role: "user", content: prompt.user },
      ],
    });
    usage.promptTokens += answer.usage.promptTokens;
    usage.completionTokens += answer.usage.completionTokens;
    const verdict = verifyAnswer(answer.message.content ?? "", facts, draft.body);
    if (!verdict.ok) {
      ctx.log.warn({ event: "explain.model-rejected", reason: verdict.reason }, "model wording rejected");
      return fallback(verdict.reason);
    }
    return {
      explanation: { ...draft, body: verdict.text },
      footnote: `Worded by the model ${inlineCode(llm.model)} from these facts only; every resource, type and number in it was checked against them.`,
    };
  } catch (error) {
    const reason = ctx.redactor.redact(error instanceof Error ? error.message : String(error));
    ctx.log.warn({ event: "explain.model-failed", err: reason }, "model wording failed");
    return fallback("the model could not be reached");
  }
}
