import { describe, expect, it } from "@jest/globals";
import { renderDriftRecord } from "../../src/core/drift/issue.js";
import { REPO, gh } from "../helpers/github.js";
import { RUN_ID, createDiagnosisApp, mockRun } from "../fixtures/runs/mocks.js";
import { driftLog, driftReport, driftRun } from "../helpers/drift.js";

const JOB = { id: 801, name: "drift", conclusion: "success" as const };
const ISSUES = `${REPO}/issues`;

describe("drift run → one issue per root", () => {
  it("opens an issue for a drifted root with the plan summary and the console-added tag", async () => {
    const app = await createDiagnosisApp();
    let created: { title: string; body: string; labels: string[] } | undefined;
    const api = gh().noConfig();
    mockRun(api.scope, 1, [JOB], { 801: driftLog([driftReport()]) });
    api.scope
      .get(ISSUES)
      .query({ labels: "drift", state: "open", creator: "devops-agent[bot]", per_page: "100" })
      .reply(200, []);
    api.scope
      .post(ISSUES, (body: typeof created) => {
        created = body;
        return true;
      })
      .reply(201, { number: 12, html_url: "https://github.com/Codertocat/Hello-World/issues/12", body: "" });

    await app.deliver("workflow_run", driftRun());

    expect(created?.title).toBe("Drift in infra/prod: 1 resource differs from the code");
    expect(created?.labels).toEqual(["drift"]);
    const body = created?.body ?? "";
    expect(body.split("\n")[0]).toBe("<!-- devops-agent:drift:infra/prod -->");
    expect(body).toContain(
      `([run ${RUN_ID}](https://github.com/Codertocat/Hello-World/actions/runs/${RUN_ID}))`,
    );
    expect(body).toContain("**Plan: 0 to add, 1 to change, 0 to destroy, 0 to replace.**");
    expect(body).toContain("| `aws_s3_bucket.logs` | update |");
    expect(body).toContain("| `aws_s3_bucket.logs` | `CostCenter` | `cc-42` |");
    expect(body).toContain("comment `/agent fix` and I propose a pull request");
    expect(api.scope.isDone()).toBe(true);
  });

  it("updates the open issue in place on the next drifted run", async () => {
    const app = await createDiagnosisApp();
    let edited: Record<string, unknown> | undefined;
    const api = gh().noConfig();
    mockRun(api.scope, 1, [JOB], { 801: driftLog([driftReport()]) });
    api.scope
      .get(ISSUES)
      .query(true)
      .reply(200, [
        {
          number: 12,
          html_url: "https://github.com/Codertocat/Hello-World/issues/12",
          body: "<!-- devops-agent:drift:infra/prod -->\nold",
          user: { login: "devops-agent[bot]" },
        },
      ]);
    api.scope
      .patch(`${ISSUES}/12`, (body: Record<string, unknown>) => {
        edited = body;
        return true;
      })
      .reply(200, { number: 12 });
    await app.deliver("workflow_run", driftRun());
    expect(edited?.body).toContain("| `aws_s3_bucket.logs` | `CostCenter` | `cc-42` |");
    expect(edited?.state).toBeUndefined();
  });

  it("closes the issue when a later run finds the root clean", async () => {
    const app = await createDiagnosisApp();
    let edited: Record<string, unknown> | undefined;
    const clean = driftReport({
      status: "clean",
      counts: { create: 0, update: 0, delete: 0, replace: 0 },
      resources: [],
      tagGaps: [],
    });
    const api = gh().noConfig();
    mockRun(api.scope, 1, [JOB], { 801: driftLog([clean]) });
    api.scope
      .get(ISSUES)
      .query(true)
      .reply(200, [
        {
          number: 12,
          html_url: "https://github.com/Codertocat/Hello-World/issues/12",
          body: `<!-- devops-agent:drift:infra/prod -->\nold\n${renderDriftRecord(driftReport())}`,
          user: { login: "devops-agent[bot]" },
        },
      ]);
    api.scope
      .patch(`${ISSUES}/12`, (body: Record<string, unknown>) => {
        edited = body;
        return true;
      })
      .reply(200, { number: 12 });
    await app.deliver("workflow_run", driftRun());
    expect(edited).toMatchObject({
      state: "closed",
      state_reason: "completed",
      title: "Drift in infra/prod: resolved",
    });
    expect(edited?.body).toContain(`> ✅ Resolved: [run ${RUN_ID}]`);
  });

  it("reads nothing from a scheduled run of another workflow", async () => {
    const app = await createDiagnosisApp();
    gh().noConfig();
    await app.deliver("workflow_run", driftRun("success", ".github/workflows/nightly.yml"));
    const audit = app.log.entries
      .filter((e) => e.msg === "job finished")
      .map((e) => (e.obj as { audit: { kind: string; outcome: string } }).audit);
    expect(audit).toContainEqual(expect.objectContaining({ kind: "drift-run", outcome: "disabled" }));
  });
});
