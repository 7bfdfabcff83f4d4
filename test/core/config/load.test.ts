import { describe, expect, it } from "@jest/globals";
import {
  DEFAULT_REPO_CONFIG,
  formatConfigProblems,
  parseRepoConfig,
} from "../../../src/core/config/index.js";

describe("repo config", () => {
  it("gives the defaults for a missing or empty file", () => {
    expect(parseRepoConfig(null)).toEqual({ config: DEFAULT_REPO_CONFIG, problems: [] });
    expect(parseRepoConfig("  \n")).toEqual({ config: DEFAULT_REPO_CONFIG, problems: [] });
    expect(DEFAULT_REPO_CONFIG.access.minimumPermission).toBe("write");
    expect(DEFAULT_REPO_CONFIG.protectedPaths).toEqual([".github/**"]);
    expect(DEFAULT_REPO_CONFIG.triggers.label).toBe("agent");
  });

  it("merges a partial file over the defaults", () => {
    const { config, problems } = parseRepoConfig(
      "autofix:\n  enabled: true\naccess:\n  minimumPermission: maintain\n",
    );
    expect(problems).toEqual([]);
    expect(config.autofix).toEqual({ enabled: true, workflows: [], maxAttempts: 2 });
    expect(config.access.minimumPermission).toBe("maintain");
    expect(config.plan.workflow).toBe("devops-agent-plan.yml");
  });

  it("names the field, the line and what was expected", () => {
    const text = "plan:\n  workflow: plan.yml\nautofix:\n  enabled: true\n  maxAttempts: lots\n";
    const { config, problems } = parseRepoConfig(text);
    expect(config).toEqual(DEFAULT_REPO_CONFIG);
    expect(problems).toEqual([
      { field: "autofix.maxAttempts", line: 5, message: "Invalid input: expected number, received string" },
    ]);
  });

  it("names unknown fields (typos) with their line", () => {
    const { problems } = parseRepoConfig("autofix:\n  enabeld: true\n");
    expect(problems).toEqual([{ field: "autofix.enabeld", line: 2, message: 'unknown field "enabeld"' }]);
  });

  it("reports invalid YAML with its line", () => {
    const { problems } = parseRepoConfig("autofix:\n  enabled: [true\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^invalid YAML: /);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it("renders problems for a comment", () => {
    const body = formatConfigProblems([
      { field: "autofix.maxAttempts", line: 5, message: "expected number" },
    ]);
    expect(body).toContain("- line 5, `autofix.maxAttempts`: expected number");
    expect(body).toContain("I am using the default settings");
  });
});
