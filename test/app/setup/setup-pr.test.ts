// `/agent setup` end to end: signed webhooks → the real app → a stateful, OpenAPI-checked GitHub backed by a
// real bare git repository. Fresh repository → one PR with the files; re-run → the same PR updated;
// a repository that has everything → no PR, a comment saying so.
import { afterEach, describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { parseRepoConfig } from "../../../src/core/config/index.js";
import { DEMO_INFRA, listBranchFiles, readBranchFile } from "../../helpers/git.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { saveSample } from "./samples.js";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

const STAGED = ".github/devops-agent/workflows";
const setupPulls = (s: Scenario) => [...s.world.pulls.values()].filter((p) => p.head === "agent/setup");

describe("/agent setup", () => {
  it("opens one PR with the workflows (staged outside .github/workflows), config and OIDC roles; a re-run updates it", async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA } });
    const s = scenario;
    await s.comment(3, "/agent setup");

    const [pr] = setupPulls(s);
    expect(setupPulls(s)).toHaveLength(1);
    const files = await listBranchFiles(s.remote.gitDir, "agent/setup");
    const added = files.filter((f) => f.startsWith(".github/"));
    expect(added.sort()).toEqual(
      [
        ".github/devops-agent.yml",
        ".github/devops-agent/aws-oidc/main.tf",
        ".github/devops-agent/aws-oidc/outputs.tf",
        ".github/devops-agent/aws-oidc/terraform.tfvars",
        ".github/devops-agent/aws-oidc/variables.tf",
        ".github/devops-agent/aws-oidc/versions.tf",
        `${STAGED}/devops-agent-apply.yml`,
        `${STAGED}/devops-agent-drift.yml`,
        `${STAGED}/devops-agent-plan.yml`,
      ].sort(),
    );
    expect(files.some((f) => f.startsWith(".github/workflows/"))).toBe(false);

    // The config parses with our own schema and lists the detected root (the demo is one root at ".").
    const config = await readBranchFile(s.remote.gitDir, "agent/setup", ".github/devops-agent.yml");
    const loaded = parseRepoConfig(config);
    expect(loaded.problems).toEqual([]);
    expect(loaded.config.terraform.roots).toEqual(["."]);
    expect(loaded.config.review.auto).toBe(true);

    const plan = parse(
      await readBranchFile(s.remote.gitDir, "agent/setup", `${STAGED}/devops-agent-plan.yml`),
    ) as {
      env: Record<string, string>;
    };
    expect(plan.env.TERRAFORM_ROOTS).toBe(".\n");
    const tfvars = await readBranchFile(
      s.remote.gitDir,
      "agent/setup",
      ".github/devops-agent/aws-oidc/terraform.tfvars",
    );
    expect(tfvars).toContain('github_owner      = "Codertocat"');
    expect(tfvars).toContain('github_repo       = "Hello-World"');
    expect(tfvars).toContain('apply_environment = "production"');
    expect(tfvars).toContain('drift_branch      = "main"');

    const body = pr?.body ?? "";
    expect(body).toContain("### What a person must do");
    expect(body).toContain("`git mv .github/devops-agent/workflows/*.yml .github/workflows/`");
    expect(body).toContain("`repo:Codertocat/Hello-World:environment:production`");
    expect(body).toContain("`repo:Codertocat/Hello-World:pull_request`");
    for (const name of ["AWS_PLAN_ROLE_ARN", "AWS_APPLY_ROLE_ARN", "AWS_REGION", "AWS_ACCOUNT_ID"])
      expect(body).toContain(`\`vars.${name}\``);
    expect(body).toContain("`devops-agent review`");
    expect(body).toContain("`workflows` permission");
    expect(s.world.comment(3, "setup")?.body).toContain(`I opened [#${pr?.number ?? 0}]`);

    // Again: the same branch and PR, updated; never a second one.
    await s.comment(3, "/agent setup");
    expect(setupPulls(s)).toHaveLength(1);
    expect(setupPulls(s)[0]?.bodies).toHaveLength(2);
    expect(s.world.comment(3, "setup")?.body).toContain(`I updated [#${pr?.number ?? 0}]`);
    expect(s.world.unrouted).toEqual([]);
    await saveSample("setup-pr-body.md", body);
  }, 60_000);

  it("opens no PR when the repository has everything, and says so", async () => {
    scenario = await startScenario({ seed: { fromDir: DEMO_INFRA, files: COMPLETE } });
    const s = scenario;
    await s.comment(3, "/agent setup");
    expect(setupPulls(s)).toHaveLength(0);
    const said = s.world.comment(3, "setup")?.body ?? "";
    expect(said).toContain("### ✅ Nothing to set up");
    expect(said).toContain("`.github/workflows/terraform.yml`");
    expect(said).toContain("`.github/workflows/drift.yaml`");
    await saveSample("setup-nothing-missing.md", said);
  }, 60_000);

  it("adds only what is missing, and reuses the OIDC provider the repository already manages", async () => {
    const {
      ".github/workflows/drift.yaml": _drift,
      ".github/devops-agent/aws-oidc/main.tf": _oidc,
      ...rest
    } = COMPLETE;
    scenario = await startScenario({
      seed: { fromDir: DEMO_INFRA, files: { ...rest, "github-oidc.tf": PROVIDER } },
    });
    const s = scenario;
    await s.comment(3, "/agent setup");
    const files = await listBranchFiles(s.remote.gitDir, "agent/setup");
    expect(files).toContain(`${STAGED}/devops-agent-drift.yml`);
    expect(files).not.toContain(`${STAGED}/devops-agent-plan.yml`);
    expect(files).not.toContain(`${STAGED}/devops-agent-apply.yml`);
    const main = await readBranchFile(
      s.remote.gitDir,
      "agent/setup",
      ".github/devops-agent/aws-oidc/main.tf",
    );
    expect(main).toContain('data "aws_iam_openid_connect_provider" "github"');
    expect(main).not.toContain('resource "aws_iam_openid_connect_provider"');
    const body = setupPulls(s)[0]?.body ?? "";
    expect(body).toContain("`aws_iam_openid_connect_provider.github_actions` in `github-oidc.tf`");
    expect(body).toContain("### Already there (left alone)");
  }, 60_000);
});

const PROVIDER = `resource "aws_iam_openid_connect_provider" "github_actions" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}
`;

const workflow = (mode: string | null) => `name: ours
on: [pull_request]
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/aws-devops-agent/action@v1
        with:
${mode ? `          mode: ${mode}\n` : ""}          role-to-assume: x
`;

const COMPLETE: Record<string, string> = {
  ".github/workflows/terraform.yml": workflow(null),
  ".github/workflows/apply.yml": workflow("apply"),
  ".github/workflows/drift.yaml": workflow("drift"),
  ".github/devops-agent.yml": "review:\n  auto: true\n",
  ".github/devops-agent/aws-oidc/main.tf": "# applied\n",
};
