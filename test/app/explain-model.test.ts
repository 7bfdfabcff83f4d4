import { afterEach, describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import type { BareRepo } from "../helpers/git.js";
import { commentPayload } from "../helpers/payloads.js";
import { FEATURE_FILES, explainApi, explainRepo, readSide } from "../helpers/explain.js";
import { scriptModel, type Turn } from "../agent/scripted-model.js";
import { SCRIPTED_LLM } from "../fixtures/runs/mocks.js";

let remote: BareRepo | undefined;
afterEach(async () => {
  await remote?.cleanup();
  remote = undefined;
});

async function explainWithModel(turn: Turn, head?: Record<string, string>) {
  const repo = await explainRepo(head ?? (await readSide("head")));
  remote = repo.remote;
  const app = await createTestApp({ workspaces: repo.workspaces, llm: SCRIPTED_LLM });
  const model = scriptModel([turn], "https://llm.example.test", "/v1/chat/completions");
  let reply = "";
  explainApi({ headSha: repo.headSha, files: FEATURE_FILES, reply: (b) => (reply = b) });
  await app.deliver("issue_comment", commentPayload("/agent explain", { pr: true }));
  return { reply, model, app };
}

const REWORDED = [
  "#### Risks first",
  "",
  "- The database `aws_db_instance.orders` is removed from the code, so its data goes with it.",
  "- `aws_iam_policy.deploy` allows every action on every resource.",
  "- `aws_sqs_queue.jobs` is removed, and with it the messages it holds.",
  "- `aws_s3_bucket.assets` has no public access block.",
  "",
  "#### What changes",
  "",
  "- 5 resources are added, among them `aws_nat_gateway.main`.",
  "",
  "#### Questions a reviewer should ask",
  "",
  "1. Is there a snapshot of `aws_db_instance.orders`?",
].join("\n");

describe("/agent explain with a model: the same facts, better worded, never new ones", () => {
  it("uses the model's wording when every address, type and number in it is in the facts", async () => {
    const { reply, model, app } = await explainWithModel({ content: REWORDED });
    expect(model.bodies).toHaveLength(1);
    const [system, user] = model.bodies[0]?.messages ?? [];
    expect(system?.content).toContain("Use ONLY the facts in the JSON data and the draft.");
    expect(user?.content).toContain('<untrusted-data source="pull request facts (JSON)">');
    expect(user?.content).toContain('"address": "aws_db_instance.orders"');
    expect(reply).toContain("- The database `aws_db_instance.orders` is removed from the code");
    // Sources and what was checked stay ours, whoever worded the body.
    expect(reply).toContain("**Source: the code diff.** No plan comment found");
    expect(reply).toContain("#### What I checked, and what I did not");
    expect(reply).toContain("Worded by the model `scripted` from these facts only");
    expect(app.log.text()).toContain('"llm":{"calls":1');
  });

  it("falls back to the deterministic text, and says why, when the model invents a resource", async () => {
    const invented = REWORDED.replace(
      "- `aws_iam_policy.deploy` allows every action on every resource.",
      "- `aws_iam_policy.deploy` allows every action on every resource.\n- `aws_rds_cluster.shadow` is also replaced.",
    );
    const { reply, app } = await explainWithModel({ content: invented });
    // Only the footnote names the invention; the answer itself is ours.
    expect(reply.slice(0, reply.indexOf("<sub>The model's wording"))).not.toContain("aws_rds_cluster.shadow");
    expect(reply).toContain("🔴 **Critical** `aws_db_instance.orders`: removed from the code");
    expect(reply).toContain(
      "The model's wording was not used (it named `aws_rds_cluster.shadow`, which is not in the facts); this is the text written from the same facts without it.",
    );
    expect(app.log.text()).toContain("explain.model-rejected");
  });

  it("falls back when the model invents a number", async () => {
    const { reply } = await explainWithModel({ content: REWORDED.replace("5 resources", "17 resources") });
    expect(reply).toContain("it wrote the number 17, which is not in the facts");
    expect(reply).toContain("From the code: 5 created, 1 changed, 2 destroyed, 0 moved.");
  });

  it("falls back when the model softens the answer by leaving out a critical risk", async () => {
    const { reply } = await explainWithModel({
      content: REWORDED.replace("- `aws_iam_policy.deploy` allows every action on every resource.\n", ""),
    });
    expect(reply).toContain("it left out the critical risk on `aws_iam_policy.deploy`");
  });

  it("falls back when the model cannot be reached, and still answers", async () => {
    const { reply } = await explainWithModel({ status: 500 });
    expect(reply).toContain("The model's wording was not used (the model could not be reached)");
    expect(reply).toContain("#### Risks first");
  });
});
