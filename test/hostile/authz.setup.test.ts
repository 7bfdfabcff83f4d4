// `/agent setup` and `/agent fix` on a drift issue open pull requests: only people with the change-request
// permission (`access.minimumPermission`, write by default) may run them; others get the one refusal and the
// app clones nothing, pushes nothing and opens nothing.
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEMO_INFRA, listBranchFiles } from "../helpers/git.js";
import { startScenario, type Scenario } from "../helpers/scenario.js";
import { ROOT_FILES, driftIssue, report } from "../app/drift-fix/fixtures.js";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

const branches = async (s: Scenario) => listBranchFiles(s.remote.gitDir, "agent/setup").catch(() => null);

describe("who may run setup and drift fix", () => {
  it("a reader's /agent setup is refused: no branch, no PR", async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA }, permissions: { reader: "read" } });
    await scenario.comment(3, "/agent setup", "reader");
    expect(scenario.world.comment(3, "refusal")?.body).toContain("at least\n`write` access");
    expect([...scenario.world.pulls.values()]).toEqual([]);
    expect(await branches(scenario)).toBeNull();
  }, 60_000);

  it("a triager's /agent setup is refused (triage is below write)", async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA }, permissions: { helper: "triage" } });
    await scenario.comment(3, "/agent setup", "helper");
    expect(scenario.world.comment(3, "refusal")).toBeDefined();
    expect([...scenario.world.pulls.values()]).toEqual([]);
  }, 60_000);

  it("a reader's /agent fix on the app's drift issue is refused before the record is read", async () => {
    scenario = await startScenario({ seed: { files: ROOT_FILES }, permissions: { reader: "read" } });
    const issue = scenario.world.addIssue({
      title: "Drift",
      body: driftIssue(report(scenario.remote.seedSha)),
      login: "devops-agent[bot]",
      state: "open",
      labels: ["drift"],
    });
    await scenario.comment(issue.number, "/agent fix", "reader");
    expect(scenario.world.comment(issue.number, "refusal")).toBeDefined();
    expect(scenario.world.comment(issue.number, "drift-fix")).toBeUndefined();
    expect([...scenario.world.pulls.values()]).toEqual([]);
    expect(scenario.world.requests.some((r) => r.includes(`/issues/${issue.number} `))).toBe(false);
  }, 60_000);

  it("a maintainer-only config (access.minimumPermission: maintain) refuses a writer's /agent setup", async () => {
    scenario = await startScenario({
      seed: {
        fromDir: DEMO_INFRA,
        files: { ".github/devops-agent.yml": "access:\n  minimumPermission: maintain\n" },
      },
      permissions: { writer: "write" },
    });
    await scenario.comment(3, "/agent setup", "writer");
    expect(scenario.world.comment(3, "refusal")?.body).toContain("`maintain`");
    expect([...scenario.world.pulls.values()]).toEqual([]);
  }, 60_000);
});
