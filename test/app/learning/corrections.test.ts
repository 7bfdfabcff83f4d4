// Scenario: people correct the same argument on two of the agent's PRs and merge them; the third similar
// request already carries the correction and its PR body cites the lesson.
import { afterEach, describe, expect, it } from "@jest/globals";
import { pushCommitAs } from "../../helpers/git.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { saveScenarioOutput } from "./output.js";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

/** The agent's PR for issue `issue`, then a person's commit changing the queue's visibility timeout. */
async function requestAndCorrect(s: Scenario, issue: number, what: string): Promise<number> {
  await s.comment(issue, `/agent SQS queue for ${what} with a dead-letter queue after 5 failed receives`);
  const pull = s.world.pullByHead(`agent/${issue}-`);
  if (!pull) throw new Error(`no PR for issue ${issue}: ${s.world.unrouted.join(", ")} ${s.log.text()}`);
  const sqs = (await s.world.show(pull.head, "sqs.tf")) ?? "";
  expect(sqs).toContain("visibility_timeout_seconds = 30");
  await pushCommitAs(
    s.remote,
    pull.head,
    { "sqs.tf": sqs.replace("visibility_timeout_seconds = 30", "visibility_timeout_seconds = 120") },
    "Longer visibility timeout: our consumers take up to a minute",
  );
  await s.merge(pull.number);
  return pull.number;
}

// Generous timeout: several real clones and validations in a row; on a quiet CI machine this takes ~10 s.
describe("scenario: repeated human corrections become a lesson the next change applies", () => {
  it("two corrected PRs → lessons PR → the third PR sets the value and cites the lesson", async () => {
    scenario = await startScenario();
    const s = scenario;
    const first = await requestAndCorrect(s, 1, "orders");
    expect(s.world.pullByHead("agent/lessons")).toBeUndefined();
    const before = s.world.pulls.get(first)?.body ?? "";
    expect(before).not.toContain("Lessons applied");

    await requestAndCorrect(s, 2, "payments");
    const lessonsPr = s.world.pullByHead("agent/lessons");
    expect(lessonsPr?.body).toContain("`set.aws_sqs_queue.visibility_timeout_seconds`");
    const lessonsFile = (await s.world.show("agent/lessons", ".github/devops-agent/lessons.yml")) ?? "";
    expect(lessonsFile).toContain("visibility_timeout_seconds");
    expect(lessonsFile).toContain("/pull/");

    await s.comment(3, "/agent SQS queue for invoices with a dead-letter queue after 5 failed receives");
    const third = s.world.pullByHead("agent/3-");
    const sqs = (await s.world.show(third?.head ?? "", "sqs.tf")) ?? "";
    const invoices = sqs.split("\nresource ").find((b) => b.includes('"aws_sqs_queue" "invoices"')) ?? "";
    expect(invoices).toContain("visibility_timeout_seconds = 120");
    expect(third?.body).toContain("set.aws_sqs_queue.visibility_timeout_seconds");
    expect(third?.body).toMatch(
      /people set `visibility_timeout_seconds = 120` on the agent's `aws_sqs_queue` \(2 of 2/,
    );
    // The summary describes the final values, not the recipe's default the lesson replaced.
    expect(third?.body).toContain("- messages retained 4 days, visibility timeout 120 s");
    expect(third?.body).not.toContain("visibility timeout 30 s");
    expect(s.world.unrouted).toEqual([]);
    await saveScenarioOutput("corrections", {
      before,
      after: third?.body ?? "",
      lessonsPr: lessonsPr?.body ?? "",
    });
  }, 120_000);
});
