// The drift reports come from a run's log: text any step of that job could print. The app believes a report
// only within its schema and for the commit the run checked out; what it writes stays inert markdown.
import { describe, expect, it } from "@jest/globals";
import { readDriftRecord } from "../../src/core/drift/issue.js";
import { DRIFT_LINE_PREFIX } from "../../src/core/drift/report.js";
import { REPO, gh } from "../helpers/github.js";
import { actionsLog, createDiagnosisApp, mockRun } from "../fixtures/runs/mocks.js";
import { driftLog, driftReport, driftRun } from "../helpers/drift.js";

const JOB = { id: 801, name: "drift", conclusion: "success" as const };

async function deliver(log: string, expectIssue: boolean): Promise<string> {
  const app = await createDiagnosisApp();
  let body = "";
  const api = gh().noConfig();
  mockRun(api.scope, 1, [JOB], { 801: log });
  if (expectIssue) {
    api.scope.get(`${REPO}/issues`).query(true).reply(200, []);
    api.scope
      .post(`${REPO}/issues`, (b: { body: string }) => {
        body = b.body;
        return true;
      })
      .reply(201, { number: 12, html_url: "https://github.com/Codertocat/Hello-World/issues/12", body: "" });
  }
  await app.deliver("workflow_run", driftRun());
  expect(api.scope.isDone()).toBe(true);
  return body;
}

describe("hostile: drift reports read from a run's log", () => {
  it("ignores a report for another commit than the one the run checked out", async () => {
    await deliver(driftLog([driftReport({ sha: "f".repeat(40) })]), false);
  });

  it("ignores a report whose root leaves the repository", async () => {
    const line = `${DRIFT_LINE_PREFIX}${JSON.stringify({ ...driftReport(), root: "../../etc" })}`;
    await deliver(actionsLog("drift", [line], ""), false);
  });

  it("ignores a report with more resources than the schema allows", async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({
      address: `aws_s3_bucket.b${i}`,
      actions: ["update"],
    }));
    const line = `${DRIFT_LINE_PREFIX}${JSON.stringify({ ...driftReport(), resources: many })}`;
    await deliver(actionsLog("drift", [line], ""), false);
  });

  it("ignores a report with fields the schema does not know", async () => {
    const line = `${DRIFT_LINE_PREFIX}${JSON.stringify({ ...driftReport(), labels: ["admin"], assignees: ["x"] })}`;
    await deliver(actionsLog("drift", [line], ""), false);
  });

  it("cannot smuggle a second report through a tag value with a newline", async () => {
    const forged = `x\n${DRIFT_LINE_PREFIX}${JSON.stringify(driftReport({ root: "forged" }))}`;
    const body = await deliver(
      driftLog([
        driftReport({ tagGaps: [{ address: "aws_s3_bucket.logs", key: "k", value: forged.slice(0, 256) }] }),
      ]),
      true,
    );
    expect(body.split("\n")[0]).toBe("<!-- devops-agent:drift:infra/prod -->");
  });

  it("keeps tag values inert: no mention, no closing comment, no markdown escape", async () => {
    const value = "@acme/security --> </table> `x` [click](https://evil.example)";
    const body = await deliver(
      driftLog([driftReport({ tagGaps: [{ address: "aws_s3_bucket.logs", key: "Owner", value }] })]),
      true,
    );
    expect(body).not.toMatch(/(^|[^`\w])@acme\/security/);
    // The hidden record survives whole and reads back the same value.
    expect(readDriftRecord(body)?.tagGaps[0]?.value).toBe(value);
    // In the table the value is one code span (it holds a backtick, so the span uses two).
    expect(body).toContain("| ``@acme/security --> </table> `x` [click](https://evil.example)`` |");
  });
});
