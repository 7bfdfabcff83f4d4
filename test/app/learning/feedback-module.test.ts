// Scenario: a maintainer tells the agent in plain words to use the repository's bucket module; the next
// bucket request becomes a call to that module and its PR cites the lesson. The same words from a reader
// are refused and change nothing.
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEMO_INFRA } from "../../helpers/git.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { S3_MODULE as MODULE } from "./fixtures.js";
import { saveScenarioOutput } from "./output.js";

const REQUEST = "/agent a private S3 bucket for reports";
const SAY = "/agent feedback use ./modules/s3-bucket for every bucket";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

// Generous timeout: several real clones and validations in a row; on a quiet CI machine this takes ~10 s.
describe("scenario: /agent feedback from a maintainer changes the next answer", () => {
  it("a reader's words are refused; a maintainer's become a module lesson the next bucket uses and cites", async () => {
    scenario = await startScenario({
      permissions: { Codertocat: "admin", reader: "read" },
      seed: { fromDir: DEMO_INFRA, files: MODULE },
    });
    const s = scenario;
    await s.comment(5, SAY, "reader");
    const refusal = [...s.world.comments.values()].filter((c) => c.issue === 5).map((c) => c.body);
    expect(refusal.join("\n")).toContain("@reader");
    expect(refusal.join("\n")).toContain("at least\n`write` access");
    expect(s.world.pullByHead("agent/lessons")).toBeUndefined();

    await s.comment(1, REQUEST);
    const before = s.world.pullByHead("agent/1-");
    expect(await s.world.show(before?.head ?? "", "s3.tf")).toContain('resource "aws_s3_bucket" "reports"');

    await s.comment(5, SAY);
    const reply = s.world.comment(5, "feedback")?.body ?? "";
    expect(reply).toContain("new `aws_s3_bucket` blocks become calls to `./modules/s3-bucket`");
    const lessonsPr = s.world.pullByHead("agent/lessons");
    expect(lessonsPr?.body).toContain("`module.aws_s3_bucket`");
    expect(reply).toContain(`#${lessonsPr?.number ?? 0}`);

    await s.comment(2, REQUEST);
    const after = s.world.pullByHead("agent/2-");
    const s3 = (await s.world.show(after?.head ?? "", "s3.tf")) ?? "";
    expect(s3).toContain('module "reports" {\n  source = "./modules/s3-bucket"');
    expect(s3).not.toContain('resource "aws_s3_bucket" "reports"');
    expect(after?.body).toContain("### Lessons applied");
    expect(after?.body).toContain("`module.aws_s3_bucket`: `@Codertocat` asked: use `./modules/s3-bucket`");
    expect(before?.body).not.toContain("Lessons applied");
    expect(s.world.unrouted).toEqual([]);
    await saveScenarioOutput("feedback-module", {
      before: before?.body ?? "",
      reply,
      after: after?.body ?? "",
    });
  }, 120_000);
});
