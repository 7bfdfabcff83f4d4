// `/agent fix` on a drift issue, end to end: signed webhook → the real app → a stateful, OpenAPI-checked
// GitHub over a real bare repository. Code gaps (a console tag, a literal changed in the console) → one PR
// that writes them into the code and closes the issue; a value from a variable → the manual step, no PR; a
// record in an issue a person wrote → refused.
import { afterEach, describe, expect, it } from "@jest/globals";
import { readBranchFile } from "../../helpers/git.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { saveSample } from "../setup/samples.js";
import { ROOT, ROOT_FILES, driftIssue, report } from "./fixtures.js";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

const BOT = "devops-agent[bot]";

async function withDriftIssue(body: (sha: string) => string, login = BOT) {
  scenario = await startScenario({ seed: { files: ROOT_FILES } });
  const issue = scenario.world.addIssue({
    title: "Drift in infra/prod",
    body: body(scenario.remote.seedSha),
    login,
    state: "open",
    labels: ["drift"],
  });
  return { s: scenario, number: issue.number };
}

describe("/agent fix on a drift issue", () => {
  it("tag and literal drift → one PR writing them into the code, closing the issue", async () => {
    const { s, number } = await withDriftIssue((sha) => driftIssue(report(sha)));
    await s.comment(number, "/agent fix");

    const pr = s.world.pullByHead(`agent/drift-fix-${number}`);
    expect(pr).toBeDefined();
    const main = await readBranchFile(s.remote.gitDir, `agent/drift-fix-${number}`, `${ROOT}/main.tf`);
    expect(main).toContain('    Name       = "logs"\n    CostCenter = "cc-42"\n');
    expect(main).toContain("  visibility_timeout_seconds = 60\n");
    expect(main).toContain("  instance_type = var.instance_type\n");
    const body = pr?.body ?? "";
    expect(body).toContain(`Closes #${number}`);
    expect(body).toContain('| `aws_s3_bucket.logs` | tag `CostCenter` = `"cc-42"` |');
    expect(body).toContain("✅ passed: offline-schema");
    expect(body).toMatch(/terraform-validate/);
    const said = s.world.comment(number, "drift-fix")?.body ?? "";
    expect(said).toContain(`I opened [#${pr?.number ?? 0}]`);
    expect(s.world.unrouted).toEqual([]);
    await saveSample("drift-fix-pr-body.md", body);

    // Asked again: the same branch and PR.
    await s.comment(number, "/agent fix");
    expect([...s.world.pulls.values()]).toHaveLength(1);
  }, 90_000);

  it("drift on a variable-driven value → the manual step on the issue, no PR", async () => {
    const { s, number } = await withDriftIssue((sha) =>
      driftIssue(
        report(sha, {
          resources: [{ address: "aws_instance.web", actions: ["update"] }],
          tagGaps: [],
          attributes: [
            { address: "aws_instance.web", name: "instance_type", live: "t3.large", code: "t3.micro" },
          ],
        }),
      ),
    );
    await s.comment(number, "/agent fix");
    expect([...s.world.pulls.values()]).toEqual([]);
    const said = s.world.comment(number, "drift-fix")?.body ?? "";
    expect(said).toContain("I opened no pull request");
    expect(said).toContain("`var.instance_type`");
    expect(said).toContain("`terraform.tfvars`");
    await saveSample("drift-fix-explanation.md", said);
  }, 90_000);

  it("a PR for what it can fix that does not close the issue when manual steps remain", async () => {
    const { s, number } = await withDriftIssue((sha) =>
      driftIssue(
        report(sha, {
          resources: [
            { address: "aws_s3_bucket.logs", actions: ["update"] },
            { address: "aws_sqs_queue.dead", actions: ["create"] },
          ],
          attributes: [],
        }),
      ),
    );
    await s.comment(number, "/agent fix");
    const body = s.world.pullByHead("agent/drift-fix-")?.body ?? "";
    expect(body).toContain(`Refs #${number}`);
    expect(body).not.toContain(`Closes #${number}`);
    expect(body).toContain("deleted outside Terraform?");
  }, 90_000);

  it("a hand-made drift record in an issue a person wrote is refused, nothing cloned or proposed", async () => {
    const { s, number } = await withDriftIssue((sha) => driftIssue(report(sha)), "mallory");
    await s.comment(number, "/agent fix");
    expect([...s.world.pulls.values()]).toEqual([]);
    expect(s.world.comment(number, "drift-fix")?.body).toContain(
      "This issue is not one of them, so I read nothing from it",
    );
  }, 60_000);
});
