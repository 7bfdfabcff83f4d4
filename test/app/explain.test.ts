import { afterEach, describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import type { BareRepo } from "../helpers/git.js";
import { commentPayload } from "../helpers/payloads.js";
import { gh, type CommentFixture } from "../helpers/github.js";
import {
  COMMENT_ID,
  FEATURE_FILES,
  explainApi,
  explainRepo,
  planFacts,
  planFactsComment,
  readSide,
} from "../helpers/explain.js";

let remote: BareRepo | undefined;
afterEach(async () => {
  await remote?.cleanup();
  remote = undefined;
});

async function explain(commentsFor: (headSha: string) => CommentFixture[] = () => []) {
  const repo = await explainRepo(await readSide("head"));
  remote = repo.remote;
  const app = await createTestApp({ workspaces: repo.workspaces });
  let reply = "";
  const comments = commentsFor(repo.headSha);
  explainApi({ headSha: repo.headSha, files: FEATURE_FILES, comments, reply: (b) => (reply = b) });
  await app.deliver("issue_comment", commentPayload("/agent explain", { pr: true }));
  return { reply, app, ...repo };
}

describe("/agent explain on a pull request", () => {
  it("without a plan comment: risks first from the code diff and the review tables, then what changes, questions, and what was not checked", async () => {
    const { reply, headSha, baseSha, app } = await explain();

    expect(reply.startsWith("<!-- devops-agent:explain:1 -->\n### 🔎 What this pull request changes")).toBe(
      true,
    );
    expect(reply).toContain("**Source: the code diff.** No plan comment found");
    expect(reply).toContain("From the code: 5 created, 1 changed, 2 destroyed, 0 moved.");
    const risks = reply.slice(reply.indexOf("#### Risks first"), reply.indexOf("#### What changes"));
    const critical = risks.indexOf("🔴 **Critical** `aws_db_instance.orders`");
    expect(critical).toBeGreaterThan(0);
    expect(risks).toContain("stateful database and its data");
    expect(risks).toContain("🔴 **Critical** `aws_iam_policy.deploy`");
    expect(risks).toContain("💰 **Cost** `aws_nat_gateway.main`");
    // Most severe first: every critical line precedes the first cost line.
    expect(risks.lastIndexOf("🔴")).toBeLessThan(risks.indexOf("💰"));
    const changes = reply.slice(reply.indexOf("#### What changes"), reply.indexOf("#### Questions"));
    expect(changes).toContain("**Created**");
    expect(changes).toContain("1 × `aws_nat_gateway`");
    expect(changes).toContain("`aws_s3_bucket.assets` (tags only)");
    expect(changes).toContain("**Destroyed**");
    const questions = reply.slice(reply.indexOf("#### Questions"), reply.indexOf("#### What I checked"));
    expect(questions).toContain("Is destroying `aws_db_instance.orders` intended?");
    expect(questions).toContain("Is `aws_sqs_queue.work` a rename of `aws_sqs_queue.jobs`?");
    expect(questions).toContain("`engine_version` is not set");
    expect(questions).toContain("NAT gateway is billed per hour and per GB");
    expect(reply).toContain(
      `between \`main\` (\`${baseSha.slice(0, 7)}\`) and the head \`${headSha.slice(0, 7)}\``,
    );
    expect(reply).toContain(
      "No plan comment found: created/changed counts come from the code diff, not from terraform.",
    );
    expect(reply).toContain("Written from these facts without a model.");
    expect(app.log.text()).toContain('"outcome":"done"');
  });

  it("with a plan comment for the head: terraform's counts and risks win, and the source says so", async () => {
    const { reply, headSha } = await explain((sha) => [
      // Someone pasting plan facts into their own comment is not believed.
      planFactsComment(
        planFacts(sha, { counts: { create: 99, update: 0, delete: 0, replace: 0, move: 0, import: 0 } }),
        {
          id: 5,
          login: "mallory",
          type: "User",
        },
      ),
      planFactsComment(planFacts(sha)),
    ]);
    expect(reply).toContain(`**Source: terraform's plan** for the head \`${headSha.slice(0, 7)}\``);
    expect(reply).toContain("- `.`: 4 to create, 1 to change, 1 to destroy, 1 to replace — [plan comment](");
    expect(reply).not.toContain("99 to create");
    expect(reply).not.toContain("From the code:");
    expect(reply).toContain("**Replaced (destroyed and created again)**\n\n- 1 × `aws_sqs_queue`");
    expect(reply).toContain(
      "🔴 **Critical** `aws_db_instance.orders`: stateful database: destroying it loses its data <sub>plan of .</sub>",
    );
    // The plan's own risks replace the diff's guesses about destroys (no second line for the same database).
    expect(reply.match(/`aws_db_instance\.orders`: /g)).toHaveLength(1);
    expect(reply).toContain("Read the latest plan comment of each root");
    expect(reply).not.toContain("What does terraform itself plan?");
  });

  it("with a plan of an older commit: says the plan is stale, shows its counts, and lists from the code diff", async () => {
    const old = "c".repeat(40);
    const { reply, headSha } = await explain(() => [planFactsComment(planFacts(old))]);
    expect(reply).toContain(`plan is for an older commit (\`ccccccc\`, head is \`${headSha.slice(0, 7)}\`)`);
    expect(reply).toContain("**Source: the code diff.** The plan is for an older commit");
    expect(reply).toContain("From the code: 5 created, 1 changed, 2 destroyed, 0 moved.");
    expect(reply).toContain("what does a plan of the head say? Comment `/agent plan` before approving.");
  });
});

describe("/agent explain where it does not work", () => {
  it("answers on an issue that it works on pull requests", async () => {
    const app = await createTestApp();
    let reply = "";
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1)
      .createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent explain"));
    expect(reply).toContain("`/agent explain` works on pull requests only.");
  });

  it("refuses a sender without the configured permission, like every read-only command", async () => {
    const app = await createTestApp();
    let reply = "";
    gh()
      .noConfig()
      .permission("Codertocat", "read")
      .comments(1)
      .createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent explain", { pr: true }));
    expect(reply).toContain("I only take commands from people with at least");
  });
});
