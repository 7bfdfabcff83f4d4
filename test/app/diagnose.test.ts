import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { REPO, gh } from "../helpers/github.js";
import {
  HEAD_SHA,
  RUN_ID,
  SCRIPTED_LLM,
  commitComments,
  createDiagnosisApp,
  failedRun,
  mockRun,
} from "../fixtures/runs/mocks.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/logs/${name}`, import.meta.url), "utf8");
const UNSUPPORTED = fixture("terraform-unsupported-argument.log");
const JOB = {
  id: 701,
  name: "validate",
  conclusion: "failure" as const,
  failedStep: "Run terraform validate -no-color",
};
const marker = `<!-- devops-agent:diagnosis:${RUN_ID} -->`;

describe("failed workflow run → diagnosis comment", () => {
  it("posts one diagnosis comment on the PR for a known failure, with no model call", async () => {
    // A model is configured but has no mock: any call to it would fail the flow's network access.
    const app = await createDiagnosisApp({ llm: SCRIPTED_LLM });
    let body = "";
    const api = gh().noConfig();
    mockRun(api.scope, 1, [JOB, { id: 702, name: "lint", conclusion: "success" }], { 701: UNSUPPORTED });
    api.comments(1).createComment(1, (b) => (body = b));

    await app.deliver("workflow_run", failedRun());

    expect(body.startsWith(marker)).toBe(true);
    expect(body).toContain("## CI failure diagnosis");
    expect(body).toContain(
      `[Terraform](https://github.com/Codertocat/Hello-World/actions/runs/${RUN_ID}) failed: 1 failed job.`,
    );
    expect(body).toContain("category `invalid_argument`");
    expect(body).toContain("known failure `terraform-unsupported-argument`");
    expect(body).toContain("**Root cause.**");
    expect(body).toContain("**Fix.**");
    expect(body).toContain("comment `/agent fix`");
    expect(body).not.toContain("lint");
    const audit = app.log.entries.find((e) => e.msg === "job finished")?.obj as {
      audit: Record<string, unknown>;
    };
    expect(audit.audit).toMatchObject({ kind: "diagnose-run", outcome: "done" });
    expect(audit.audit.llm).toBeUndefined();
  });

  it("updates the same comment when the run is re-run (a new attempt)", async () => {
    const app = await createDiagnosisApp();
    let body = "";
    const api = gh().noConfig();
    mockRun(api.scope, 2, [JOB], { 701: UNSUPPORTED });
    api
      .comments(1, [{ id: 900, body: `${marker}\n## CI failure diagnosis\n\nold` }])
      .updateComment(900, (b) => (body = b));

    await app.deliver("workflow_run", failedRun({ attempt: 2 }));

    expect(body.startsWith(marker)).toBe(true);
    expect(body).toContain(`Run attempt 2 · commit ${HEAD_SHA.slice(0, 7)}`);
    expect(body).toContain("category `invalid_argument`");
  });

  it("comments on the commit when the run has no pull request", async () => {
    const app = await createDiagnosisApp();
    let body = "";
    const api = gh().noConfig();
    mockRun(api.scope, 1, [JOB], { 701: UNSUPPORTED });
    commitComments(api.scope);
    api.scope.post(`${REPO}/commits/${HEAD_SHA}/comments`).reply(201, (_uri, req) => {
      body = (req as { body: string }).body;
      return {
        id: 77,
        html_url: "https://github.com/c/1",
        body,
        user: { login: "devops-agent[bot]", type: "Bot" },
      };
    });

    await app.deliver("workflow_run", failedRun({ pr: null, branch: "release" }));

    expect(body.startsWith(marker)).toBe(true);
    expect(body).toContain("category `invalid_argument`");
  });

  it("ignores successful runs, runs from other repositories and workflows the config leaves out", async () => {
    const app = await createDiagnosisApp();
    const ok = failedRun();
    (ok.workflow_run as { conclusion: string }).conclusion = "success";
    await app.deliver("workflow_run", ok);
    const fork = failedRun();
    (fork.workflow_run as { head_repository: { full_name: string } }).head_repository.full_name =
      "mallory/Hello-World";
    await app.deliver("workflow_run", fork);
    expect(app.log.text()).toContain("ignored: the run's head is in another repository");

    gh().config("diagnosis:\n  workflows: [Python]\n");
    await app.deliver("workflow_run", failedRun({ name: "Terraform" }));
    expect(app.log.text()).toContain('"outcome":"disabled"');
  });
  it("says the log is unavailable when GitHub no longer has it, and still reports the other jobs", async () => {
    const app = await createDiagnosisApp();
    let body = "";
    const api = gh().noConfig();
    const expired = {
      id: 703,
      name: "plan",
      conclusion: "failure" as const,
      failedStep: "Run terraform plan",
    };
    mockRun(api.scope, 1, [expired, JOB], { 701: UNSUPPORTED });
    api.scope.get(`${REPO}/actions/jobs/703/logs`).reply(410, { message: "Gone" });
    api.comments(1).createComment(1, (b) => (body = b));

    await app.deliver("workflow_run", failedRun());

    expect(body).toContain("failed: 2 failed jobs.");
    expect(body).toContain("### Job log unavailable");
    expect(body).toContain("Job [`plan`]");
    expect(body).toContain("step `Run terraform plan`");
    expect(body).toContain("category `invalid_argument`");
  });

  it("logs and ignores a malformed workflow_run payload", async () => {
    const app = await createDiagnosisApp();
    const broken = failedRun();
    (broken.workflow_run as Record<string, unknown>).head_sha = "not-a-sha";
    await app.deliver("workflow_run", broken);
    expect(app.log.text()).toContain("workflow_run.head_sha");
    expect(app.log.text()).toContain("ignored: malformed payload");
  });
  it("answers honestly for an empty log and for binary garbage", async () => {
    const app = await createDiagnosisApp({ llm: SCRIPTED_LLM });
    let body = "";
    const api = gh().noConfig();
    const binary = Buffer.from(Array.from({ length: 64 * 1024 }, (_v, i) => (i * 7919) % 256)).toString(
      "latin1",
    );
    mockRun(api.scope, 1, [JOB, { ...JOB, id: 704, name: "empty" }], { 701: binary, 704: "" });
    api.comments(1).createComment(1, (b) => (body = b));

    await app.deliver("workflow_run", failedRun());

    expect(body).toContain("The log does not look like text (binary data), so there was nothing to read.");
    expect(body).toContain("The log is empty: the job produced no output to diagnose.");
  });
});
