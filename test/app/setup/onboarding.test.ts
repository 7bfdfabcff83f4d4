// Onboarding end to end: `installation.created` / `installation_repositories.added` (payloads from
// @octokit/webhooks-examples) → one "Set up aws-devops-agent" issue per repository, opened once: a redelivery
// or a second event finds it, and an issue people closed is never reopened or opened again.
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEMO_INFRA } from "../../helpers/git.js";
import { examplePayload, patchPayload } from "../../helpers/payloads.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { MAX_ONBOARD_PER_DELIVERY } from "../../../src/handlers/installation.js";
import { saveSample } from "./samples.js";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

const installed = () => patchPayload(examplePayload("installation", "created"), { installation: { id: 1 } });
const added = () =>
  patchPayload(examplePayload("installation_repositories", "added"), {
    installation: { id: 1 },
    repositories_added: [
      { id: 186853002, name: "Hello-World", full_name: "Codertocat/Hello-World", private: false },
    ],
  });
const onboarding = (s: Scenario) =>
  [...s.world.issues.values()].filter((i) => i.title === "Set up aws-devops-agent");

describe("onboarding issue on installation", () => {
  it("opens one issue; a redelivery and a later added-repositories event leave it at one", async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA } });
    const s = scenario;
    await s.deliver("installation", installed(), "install-1");
    expect(onboarding(s)).toHaveLength(1);
    const [issue] = onboarding(s);
    expect(issue?.body.split("\n")[0]).toBe("<!-- devops-agent:onboarding:repo -->");
    expect(issue?.body).toContain("Comment `/agent setup` on this issue");
    expect(issue?.body).toContain("the plan workflow");
    expect(issue?.body).toContain("Terraform roots I found: `.`");

    await s.deliver("installation", installed(), "install-1");
    await s.deliver("installation_repositories", added(), "added-1");
    expect(onboarding(s)).toHaveLength(1);
    const outcomes = s.log.entries
      .filter((e) => e.msg === "job finished")
      .map((e) => (e.obj as { audit: { delivery: string; outcome: string } }).audit);
    expect(outcomes.map((a) => `${a.delivery} ${a.outcome}`)).toEqual([
      "install-1 done",
      "added-1 nothing-to-do",
    ]);
    expect(s.log.text()).toContain("ignored: duplicate delivery");
    expect(s.world.unrouted).toEqual([]);
    await saveSample("setup-onboarding-issue.md", issue?.body ?? "");
  }, 60_000);

  it("never reopens or re-opens an onboarding issue people closed", async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA } });
    const s = scenario;
    await s.deliver("installation", installed());
    const [issue] = onboarding(s);
    if (issue) issue.state = "closed";
    await s.deliver("installation_repositories", added());
    await s.deliver("installation", installed());
    expect(onboarding(s)).toHaveLength(1);
    expect(onboarding(s)[0]?.state).toBe("closed");
  }, 60_000);

  it("`/agent setup` on the onboarding issue opens the setup PR", async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA } });
    const s = scenario;
    await s.deliver("installation", installed());
    const [issue] = onboarding(s);
    await s.comment(issue?.number ?? 0, "/agent setup");
    expect(s.world.pullByHead("agent/setup")).toBeDefined();
  }, 60_000);

  it("opens nothing when the operator turned onboarding off", async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA }, onboardingIssue: false });
    await scenario.deliver("installation", installed());
    expect(onboarding(scenario)).toEqual([]);
    expect(scenario.log.text()).toContain('"outcome":"nothing-to-do"');
    expect(scenario.world.requests.filter((r) => r.includes("/issues"))).toEqual([]);
  }, 60_000);

  it(`a large install queues at most ${MAX_ONBOARD_PER_DELIVERY} repositories per delivery and says so`, async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA }, onboardingIssue: false });
    const many = Array.from({ length: MAX_ONBOARD_PER_DELIVERY + 7 }, (_, i) => ({
      id: i + 1,
      name: `repo-${i}`,
      full_name: `Codertocat/repo-${i}`,
      private: true,
    }));
    await scenario.deliver("installation", patchPayload(installed(), { repositories: many }));
    const finished = scenario.log.entries.filter((e) => e.msg === "job finished");
    expect(finished).toHaveLength(MAX_ONBOARD_PER_DELIVERY);
    expect(scenario.log.text()).toContain(`onboarding capped at ${MAX_ONBOARD_PER_DELIVERY} repositories`);
  }, 60_000);
});
