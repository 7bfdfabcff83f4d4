import { describe, expect, it } from "@jest/globals";
import { Probot, ProbotOctokit } from "probot";

describe("toolchain", () => {
  it("loads Probot 14 under ESM", () => {
    const probot = new Probot({
      githubToken: "test",
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false } }),
    });
    expect(typeof probot.receive).toBe("function");
  });
});
