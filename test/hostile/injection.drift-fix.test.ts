// The drift record in an issue is text anyone with write access can edit. `/agent fix` believes it only in
// an issue the app wrote, only for its own root and commit, and writes its values only as escaped literals
// where the code holds exactly the planned value: an edited record can neither add code nor point elsewhere.
import { afterEach, describe, expect, it } from "@jest/globals";
import { commentMarker } from "../../src/core/comments/index.js";
import { renderDriftRecord } from "../../src/core/drift/issue.js";
import { readBranchFile } from "../helpers/git.js";
import { startScenario, type Scenario } from "../helpers/scenario.js";
import { ROOT, ROOT_FILES, driftIssue, report } from "../app/drift-fix/fixtures.js";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

async function fixOn(body: (sha: string) => string, login = "devops-agent[bot]") {
  scenario = await startScenario({ seed: { files: ROOT_FILES } });
  const issue = scenario.world.addIssue({
    title: "Drift",
    body: body(scenario.remote.seedSha),
    login,
    state: "open",
    labels: ["drift"],
  });
  await scenario.comment(issue.number, "/agent fix");
  return {
    s: scenario,
    number: issue.number,
    said: scenario.world.comment(issue.number, "drift-fix")?.body ?? "",
  };
}

const EVIL = 'x"\n  }\n}\n\nresource "aws_iam_user" "evil" {\n  name = "${file("/etc/passwd")}';

describe("/agent fix refuses or defuses an edited drift record", () => {
  it("a tag value crafted to close the map and open a resource is written as one escaped string", async () => {
    const { s, number } = await fixOn((sha) =>
      driftIssue(
        report(sha, {
          attributes: [],
          tagGaps: [{ address: "aws_s3_bucket.logs", key: "CostCenter", value: EVIL }],
        }),
      ),
    );
    const main = await readBranchFile(s.remote.gitDir, `agent/drift-fix-${number}`, `${ROOT}/main.tf`);
    expect(main).not.toMatch(/^resource "aws_iam_user"/m);
    expect(main).toContain(
      'CostCenter = "x\\"\\n  }\\n}\\n\\nresource \\"aws_iam_user\\" \\"evil\\" {\\n  name = \\"$${file(\\"/etc/passwd\\")}"',
    );
    expect(s.world.pullByHead("agent/drift-fix-")?.body).toContain("✅ passed: offline-schema");
  }, 90_000);

  it("a tag key crafted as HCL is quoted, not spliced", async () => {
    const { s, number } = await fixOn((sha) =>
      driftIssue(
        report(sha, {
          attributes: [],
          tagGaps: [{ address: "aws_s3_bucket.logs", key: 'a" = 1 } #', value: "v" }],
        }),
      ),
    );
    const main = await readBranchFile(s.remote.gitDir, `agent/drift-fix-${number}`, `${ROOT}/main.tf`);
    expect(main).toContain('"a\\" = 1 } #" = "v"');
  }, 90_000);

  it("a record in an issue another bot wrote is refused", async () => {
    const { s, said } = await fixOn((sha) => driftIssue(report(sha)), "github-actions[bot]");
    expect(said).toContain("I read nothing from it");
    expect([...s.world.pulls.values()]).toEqual([]);
  }, 60_000);

  it("a record whose root differs from the issue's marker is refused", async () => {
    const { s, said } = await fixOn(
      (sha) =>
        `${commentMarker("drift", ROOT)}\nedited\n${renderDriftRecord(report(sha, { root: "infra/other" }))}`,
    );
    expect(said).toContain("no readable drift record for its root");
    expect([...s.world.pulls.values()]).toEqual([]);
  }, 60_000);

  it("a record with an argument name that is HCL does not parse", async () => {
    const bad = (sha: string) =>
      `${commentMarker("drift", ROOT)}\n<!-- devops-agent:drift-record ${JSON.stringify({
        ...report(sha),
        attributes: [{ address: "aws_sqs_queue.jobs", name: "name = 1\n  evil", live: 1, code: 30 }],
      })} -->`;
    const { said } = await fixOn(bad);
    expect(said).toContain("no readable drift record");
  }, 60_000);

  it("a record with a root escaping the repository does not parse", async () => {
    const { said: escaped } = await fixOn(
      (sha) =>
        // Written by hand, as a person editing the issue would: the app's renderer refuses such a root.
        `${commentMarker("drift", "../../etc")}\n<!-- devops-agent:drift-record ${JSON.stringify({ ...report(sha), root: "../../etc" })} -->`,
    );
    expect(escaped).toContain("no readable drift record");
  }, 60_000);

  it("a record naming a commit the default branch never had is refused", async () => {
    const { s, said } = await fixOn(() => driftIssue(report("0".repeat(40))));
    expect(said).toContain("not among the default branch's last");
    expect([...s.world.pulls.values()]).toEqual([]);
  }, 60_000);

  it("a record claiming a code value the code does not hold changes nothing", async () => {
    const { s, said } = await fixOn((sha) =>
      driftIssue(
        report(sha, {
          tagGaps: [],
          resources: [{ address: "aws_sqs_queue.jobs", actions: ["update"] }],
          attributes: [{ address: "aws_sqs_queue.jobs", name: "name", live: "evil", code: "not-jobs" }],
        }),
      ),
    );
    expect(said).toContain("plan again");
    expect([...s.world.pulls.values()]).toEqual([]);
  }, 60_000);
});
