// Issue 12, weakness 2 (protected paths) and 11 (globs): `.github/**` — workflows, actions, CODEOWNERS,
// the app's own config — is protected by default; protected-path globs use picomatch, so `{a,b}` and
// `[ps]` protect what they say; a glob that cannot work is refused when the config is loaded, on its line.
// The learning feature's lessons PR still writes `.github/devops-agent/lessons.yml` through its own task.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { protectedBy, protectedGlobs } from "../../src/agent/paths.js";
import { openWorkspace, WorkspaceRefusal } from "../../src/agent/workspace.js";
import { DEFAULT_REPO_CONFIG, parseRepoConfig } from "../../src/core/config/index.js";
import { demoWorkspace } from "../agent/workspace-helpers.js";

let dir = "";
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await demoWorkspace());
});
afterEach(() => cleanup());

async function refusedWrite(path: string, globs = protectedGlobs(DEFAULT_REPO_CONFIG)): Promise<string> {
  const workspace = await openWorkspace(dir, globs);
  const error = await workspace.write(path, "x").then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkspaceRefusal)) throw new Error(`${path} was written`);
  return error.message;
}

describe("the default protects all of .github", () => {
  it.each([
    ".github/actions/setup/action.yml",
    ".github/actions/setup/run.sh",
    ".github/CODEOWNERS",
    ".github/dependabot.yml",
    ".github/workflows/plan.yml",
    ".github/devops-agent.yml",
    ".github/devops-agent/lessons.yml",
    "./.github/workflows/../actions/x.yml".replace("/../", "/"),
    ".GitHub/Workflows/ci.yml",
  ])("the agent cannot write %s", async (path) => {
    expect(await refusedWrite(path)).toMatch(/^protected by the repository config \(/);
    const github = await readdir(join(dir, ".github")).catch(() => []);
    expect(github).toEqual([]);
  });

  it("a config that drops .github/** keeps workflows and its own file protected", async () => {
    const { config } = parseRepoConfig('protectedPaths: ["prod/**"]\n');
    const globs = protectedGlobs(config);
    expect(await refusedWrite(".github/workflows/ci.yml", globs)).toContain(".github/workflows/**");
    expect(await refusedWrite(".github/devops-agent.yml", globs)).toContain(".github/devops-agent.yml");
  });

  it("allowWorkflowEdits lifts workflows only: actions and the agent's config stay protected", async () => {
    const { config } = parseRepoConfig("allowWorkflowEdits: true\n");
    const globs = protectedGlobs(config);
    expect(protectedBy(".github/workflows/ci.yml", globs)).toBeNull();
    expect(await refusedWrite(".github/actions/x/action.yml", globs)).toContain(".github/**");
    expect(await refusedWrite(".github/devops-agent.yml", globs)).toContain(".github/devops-agent.yml");
  });

  it("a negation cannot unprotect the agent's own config", () => {
    const { config, problems } = parseRepoConfig('protectedPaths: [".github/**", "!.github/*.yml"]\n');
    expect(problems).toEqual([]);
    const globs = protectedGlobs(config);
    expect(protectedBy(".github/devops-agent.yml", globs)).toBe(".github/devops-agent.yml");
    expect(protectedBy(".github/dependabot.yml", globs)).toBeNull();
  });
});

describe("globs mean what they say", () => {
  it.each([
    ["envs/{prod,staging}/**", "envs/prod/main.tf", "envs/dev/main.tf"],
    ["envs/{prod,staging}/**", "envs/staging/x/y.tf", "envs/prodx/main.tf"],
    ["[ps]rod/*.tf", "prod/main.tf", "drod/main.tf"],
    ["[ps]rod/*.tf", "srod/main.tf", "prod/sub/main.tf"],
    ["**/*.{tfvars,tfstate}", "a/b/prod.tfvars", "a/b/prod.tf"],
    ["secrets/", "secrets/deep/x.tf", "secretsx/x.tf"],
  ])("%s protects %s but not %s", async (glob, hit, miss) => {
    const { config, problems } = parseRepoConfig(`protectedPaths: ["${glob}"]\n`);
    expect(problems).toEqual([]);
    const globs = protectedGlobs(config);
    expect(await refusedWrite(hit, globs)).toContain(glob);
    expect(protectedBy(miss, globs)).toBeNull();
  });
});

describe("a glob that cannot work is refused at config load, on its line", () => {
  it.each([
    ["envs/[ps", "Missing closing"],
    ["envs/{prod,staging", "Missing closing"],
    ["/etc/**", "drop the leading /"],
    ["../other/**", "leaves the repository"],
    ["prod\\\\main.tf", "use / as the separator"],
    ["!", "an empty glob"],
  ])("%s", (glob, message) => {
    const text = `autofix:\n  enabled: false\nprotectedPaths:\n  - ".github/**"\n  - ${JSON.stringify(glob)}\n`;
    const { config, problems } = parseRepoConfig(text);
    expect(problems).toEqual([
      expect.objectContaining({
        field: "protectedPaths.1",
        line: 5,
        message: expect.stringContaining(message),
      }),
    ]);
    // The broken file falls back to the defaults, which protect .github/**: nothing is left open.
    expect(config.protectedPaths).toEqual([".github/**"]);
  });
});
