import { readFileSync } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "@jest/globals";
import { diagnose, diagnosisFingerprint } from "../../src/core/diagnosis/index.js";
import { excerptFromText } from "../../src/core/logs/index.js";
import { scriptModel } from "../agent/scripted-model.js";
import {
  DEMO_INFRA,
  branchSha,
  createBareRepo,
  git,
  pushCommitAs,
  readBranchFile,
  type BareRepo,
} from "../helpers/git.js";
import { REPO, gh } from "../helpers/github.js";
import {
  HEAD_SHA,
  RUN_ID,
  SCRIPTED_LLM,
  commitComments,
  createDiagnosisApp,
  failedRun,
  mockProvenance,
  mockRun,
} from "../fixtures/runs/mocks.js";

const VALID = readFileSync(new URL("../fixtures/llm/ssm-valid.tf", import.meta.url), "utf8");
const BROKEN = VALID.replace('type  = "String"', 'typ   = "String"');
// The repository's real unsupported-argument log, pointed at the file this test breaks.
const LOG = readFileSync(
  new URL("../fixtures/logs/terraform-unsupported-argument.log", import.meta.url),
  "utf8",
)
  .replace("on s3.tf line 12", "on ssm.tf line 3")
  .replace('"aws_s3_bucket" "logs"', '"aws_ssm_parameter" "feature_flags"')
  .replace('12:   bucket_nam = "acme-logs"', '3:   typ   = "String"')
  .replace('"bucket_nam"', '"typ"')
  .replace('"bucket_name"', '"type"');
const FINGERPRINT = (() => {
  const found = diagnose(excerptFromText(LOG));
  if (!found) throw new Error("the test log must match a signature");
  return diagnosisFingerprint(found);
})();
const JOB = {
  id: 901,
  name: "validate",
  conclusion: "failure" as const,
  failedStep: "Run terraform validate -no-color",
};
const DIAGNOSIS = `<!-- devops-agent:diagnosis:${RUN_ID} -->`;
const LEDGER = `<!-- devops-agent:autofix:feature@${FINGERPRINT} -->`;
const AUTOFIX_ON = "autofix:\n  enabled: true\n";
const LLM_BASE = "https://llm.example.test";

let remote: BareRepo | undefined;
afterEach(async () => {
  await remote?.cleanup();
  remote = undefined;
});

/** A GitHub-like remote: the demo on main, and a `feature` branch whose last commit broke validation. */
async function remoteWithBrokenFeature(): Promise<{ repo: BareRepo; gitBaseUrl: string }> {
  const repo = await createBareRepo({ fromDir: DEMO_INFRA });
  await git(["--git-dir", repo.gitDir, "branch", "feature", "main"]);
  await pushCommitAs(repo, "feature", { "ssm.tf": BROKEN }, "Add the feature flags parameter");
  await mkdir(join(repo.root, "hosts", "Codertocat"), { recursive: true });
  await symlink(repo.gitDir, join(repo.root, "hosts", "Codertocat", "Hello-World.git"));
  return { repo, gitBaseUrl: pathToFileURL(join(repo.root, "hosts")).toString() };
}

describe("auto-fix after a failed run", () => {
  it("pushes a validated fix commit to the PR branch and records the attempt", async () => {
    const setup = await remoteWithBrokenFeature();
    remote = setup.repo;
    const before = await branchSha(setup.repo.gitDir, "feature");
    const app = await createDiagnosisApp({
      llm: SCRIPTED_LLM,
      workspaces: {
        gitBaseUrl: setup.gitBaseUrl,
        author: { name: "devops-agent[bot]", email: "1+devops-agent[bot]@users.noreply.github.com" },
        allowFileProtocol: true,
      },
    });
    const model = scriptModel(
      [
        { calls: [{ name: "write_file", args: { path: "ssm.tf", content: VALID } }] },
        { calls: [{ name: "finish", args: { summary: "Renames typ to type in ssm.tf." } }] },
      ],
      LLM_BASE,
      "/v1/chat/completions",
    );
    let report = "";
    let ledger = "";
    const api = gh().config(AUTOFIX_ON);
    mockRun(api.scope, 1, [JOB], { 901: LOG });
    mockProvenance(api.scope);
    api.comments(1).createComment(1, (b) => (report = b), 500);
    api.comments(1, [{ id: 500, body: DIAGNOSIS }]);
    api.comments(1, [{ id: 500, body: DIAGNOSIS }]).createComment(1, (b) => (ledger = b), 501);
    api
      .comments(1, [
        { id: 500, body: DIAGNOSIS },
        { id: 501, body: ledger || LEDGER },
      ])
      .updateComment(500, (b) => (report = b));

    await app.deliver("workflow_run", failedRun());

    const after = await branchSha(setup.repo.gitDir, "feature");
    expect(after).not.toBe(before);
    expect(await readBranchFile(setup.repo.gitDir, "feature", "ssm.tf")).toBe(VALID);
    expect(model.bodies[0]?.messages.map((m) => m.content).join("\n")).toContain(
      "Fix: Replace `typ` (ssm.tf line 3) with `type`, then run `terraform validate`.",
    );
    expect(ledger.startsWith(LEDGER)).toBe(true);
    expect(ledger).toContain("<!-- devops-agent:attempts 1 -->");
    expect(ledger).toContain(`1 of 2`);
    expect(report).toContain(
      `**Auto-fix** (attempt 1 of 2 for this failure): ✅ pushed \`${(after ?? "").slice(0, 7)}\``,
    );
  });

  it("stops at the third attempt for the same failure on the same branch", async () => {
    const app = await createDiagnosisApp();
    const seen = { id: 61, body: `${LEDGER}\n<!-- devops-agent:attempts 2 -->\n**Auto-fix attempts**` };
    let report = "";
    const api = gh().config(AUTOFIX_ON);
    mockRun(api.scope, 3, [JOB], { 901: LOG });
    mockProvenance(api.scope);
    api.comments(1, [seen]).createComment(1, () => undefined, 500);
    api.comments(1, [seen]);
    api.comments(1, [seen, { id: 500, body: DIAGNOSIS }]).updateComment(500, (b) => (report = b));

    await app.deliver("workflow_run", failedRun({ attempt: 3 }));

    expect(report).toContain(
      "**Auto-fix.** ⛔ I already tried to fix this failure 2 times on `feature` (the limit is 2), so I will not try again.",
    );
  });

  it("diagnoses a default-branch run without a PR on its commit, and does not try a fix while auto-fix is off", async () => {
    const app = await createDiagnosisApp();
    let report = "";
    const api = gh().noConfig();
    mockRun(api.scope, 1, [JOB], { 901: LOG });
    api.scope
      .get(/\/commits\/[0-9a-f]{40}\/comments/)
      .query(true)
      .reply(200, []);
    api.scope.post(/\/commits\/[0-9a-f]{40}\/comments/).reply(201, (_uri, req) => {
      report = (req as { body: string }).body;
      return {
        id: 7,
        html_url: "https://github.com/c/7",
        body: report,
        user: { login: "devops-agent[bot]", type: "Bot" },
      };
    });
    await app.deliver("workflow_run", failedRun({ pr: null, branch: "master" }));
    expect(report).toContain("category `invalid_argument`");
    expect(report).not.toContain("**Auto-fix");
  });
  it("opens a fix PR when the default branch fails without a PR, and never pushes to it", async () => {
    const repo = await createBareRepo({ fromDir: DEMO_INFRA });
    remote = repo;
    await pushCommitAs(repo, "main", { "ssm.tf": BROKEN }, "Add the feature flags parameter");
    await mkdir(join(repo.root, "hosts", "Codertocat"), { recursive: true });
    await symlink(repo.gitDir, join(repo.root, "hosts", "Codertocat", "Hello-World.git"));
    const mainBefore = await branchSha(repo.gitDir, "main");
    const app = await createDiagnosisApp({
      llm: SCRIPTED_LLM,
      workspaces: {
        gitBaseUrl: pathToFileURL(join(repo.root, "hosts")).toString(),
        author: { name: "devops-agent[bot]", email: "1+devops-agent[bot]@users.noreply.github.com" },
        allowFileProtocol: true,
      },
    });
    scriptModel(
      [
        { calls: [{ name: "write_file", args: { path: "ssm.tf", content: VALID } }] },
        { calls: [{ name: "finish", args: { summary: "Renames typ to type in ssm.tf." } }] },
      ],
      LLM_BASE,
      "/v1/chat/completions",
    );
    let pr: Record<string, unknown> = {};
    let report = "";
    let ledger = "";
    const api = gh().config(AUTOFIX_ON);
    mockRun(api.scope, 1, [JOB], { 901: LOG });
    mockProvenance(api.scope, { event: "push", branch: "main" });
    const created = (capture: (body: string) => void, id: number) => (_uri: string, req: unknown) => {
      const body = (req as { body: string }).body;
      capture(body);
      return {
        id,
        html_url: `https://github.com/c/${id}`,
        body,
        user: { login: "devops-agent[bot]", type: "Bot" },
      };
    };
    commitComments(api.scope);
    api.scope.post(`${REPO}/commits/${HEAD_SHA}/comments`).reply(
      201,
      created((b) => (report = b), 70),
    );
    commitComments(api.scope, [{ id: 70, body: DIAGNOSIS }]);
    api.scope.get(`${REPO}/pulls`).query(true).reply(200, []);
    api.scope.post(`${REPO}/pulls`).reply(201, (_uri, body) => {
      pr = body as Record<string, unknown>;
      return { number: 43, html_url: "https://github.com/Codertocat/Hello-World/pull/43" };
    });
    commitComments(api.scope, [{ id: 70, body: DIAGNOSIS }]);
    api.scope.post(`${REPO}/commits/${HEAD_SHA}/comments`).reply(
      201,
      created((b) => (ledger = b), 71),
    );
    commitComments(api.scope, [{ id: 70, body: DIAGNOSIS }]);
    api.scope.patch(`${REPO}/comments/70`).reply(
      200,
      created((b) => (report = b), 70),
    );

    await app.deliver("workflow_run", failedRun({ pr: null, branch: "main" }));

    expect(await branchSha(repo.gitDir, "main")).toBe(mainBefore);
    const head = String(pr.head);
    expect(head).toMatch(/^agent\/\d+-/);
    expect(pr.base).toBe("main");
    expect(await readBranchFile(repo.gitDir, head, "ssm.tf")).toBe(VALID);
    expect(ledger).toContain("<!-- devops-agent:attempts 1 -->");
    expect(report).toContain("✅ proposed the fix in https://github.com/Codertocat/Hello-World/pull/43.");
  });

  it("does not try a fix for a branch without a PR that is not the default branch", async () => {
    const app = await createDiagnosisApp();
    let report = "";
    const api = gh().config(AUTOFIX_ON);
    mockRun(api.scope, 1, [JOB], { 901: LOG });
    commitComments(api.scope);
    api.scope.post(`${REPO}/commits/${HEAD_SHA}/comments`).reply(201, (_uri, req) => {
      report = (req as { body: string }).body;
      return {
        id: 70,
        html_url: "https://github.com/c/70",
        body: report,
        user: { login: "devops-agent[bot]", type: "Bot" },
      };
    });
    commitComments(api.scope, [{ id: 70, body: DIAGNOSIS }]);
    api.scope.patch(`${REPO}/comments/70`).reply(200, (_uri, req) => {
      report = (req as { body: string }).body;
      return {
        id: 70,
        html_url: "https://github.com/c/70",
        body: report,
        user: { login: "devops-agent[bot]", type: "Bot" },
      };
    });

    await app.deliver("workflow_run", failedRun({ pr: null, branch: "release" }));

    expect(report).toContain(
      "**Auto-fix.** ⛔ `release` has no pull request, so I have nowhere safe to put a fix: open a pull request for it and comment `/agent fix` there.",
    );
  });
});
