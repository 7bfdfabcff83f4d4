// Scenario: people rename what the agent creates to the team's `${var.environment}` prefix on two PRs; the
// third request names its resources that way from the start and its PR body cites the naming lesson.
import { afterEach, describe, expect, it } from "@jest/globals";
import { pushCommitAs } from "../../helpers/git.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { saveScenarioOutput } from "./output.js";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

async function requestAndRename(s: Scenario, issue: number, what: string): Promise<void> {
  await s.comment(issue, `/agent SQS queue for ${what}`);
  const pull = s.world.pullByHead(`agent/${issue}-`);
  if (!pull) throw new Error(`no PR for issue ${issue}`);
  const sqs = (await s.world.show(pull.head, "sqs.tf")) ?? "";
  expect(sqs).toContain(`"\${local.name_prefix}-${what}"`);
  // Only the main queue: the repository's other names keep `${local.name_prefix}`, so its conventions
  // alone would not pick the new prefix; the lesson does.
  const renamed = sqs.replace(`"\${local.name_prefix}-${what}"`, `"\${var.environment}-${what}"`);
  await pushCommitAs(s.remote, pull.head, { "sqs.tf": renamed }, "Our names start with the environment");
  await s.merge(pull.number);
}

// Generous timeout: several real clones and validations in a row; on a quiet CI machine this takes ~10 s.
describe("scenario: a naming habit people keep correcting becomes the agent's default", () => {
  it("two renamed PRs → naming.prefix → the third PR's names use the prefix and cite the lesson", async () => {
    scenario = await startScenario();
    const s = scenario;
    await requestAndRename(s, 1, "orders");
    await requestAndRename(s, 2, "payments");
    expect(s.world.pullByHead("agent/lessons")?.body).toContain("`naming.prefix`");

    await s.comment(3, "/agent SQS queue for invoices");
    const third = s.world.pullByHead("agent/3-");
    const sqs = (await s.world.show(third?.head ?? "", "sqs.tf")) ?? "";
    expect(sqs).toContain('"${var.environment}-invoices"');
    expect(sqs).toContain('"${var.environment}-invoices-dlq"');
    expect(sqs).not.toContain('"${local.name_prefix}-invoices');
    expect(third?.body).toContain(
      "- `naming.prefix`: people start the agent's resource names with `${var.environment}` instead of `${local.name_prefix}` (2 of 2 pull requests) — applied to `aws_sqs_queue.invoices`, `aws_sqs_queue.invoices_dlq`",
    );
    expect(s.world.unrouted).toEqual([]);
    await saveScenarioOutput("naming", { after: third?.body ?? "", file: sqs });
  }, 120_000);
});
