// Issue 12, weakness 2 (PR body): constructs people wrote are named in the agent's PR body. Their values
// (module sources, addresses) come from repository files, so they are quoted so that nothing inside can
// end the code span and become a live link, image or mention.
import { describe, expect, it } from "@jest/globals";
import { pullRequestBody } from "../../src/core/pr/index.js";
import type { ChangeReport } from "../../src/core/pr/types.js";
import type { ExecutableConstruct } from "../../src/core/terraform/executable/index.js";

function report(nearby: ExecutableConstruct[]): ChangeReport {
  return {
    request: "add a queue",
    summary: "Adds a queue.",
    mode: "llm",
    files: [{ path: "queue.tf", action: "create" }],
    resources: [],
    validation: { ok: true, findings: [], skipped: [], checks: [], nearby },
    docsConsulted: [],
    llm: { calls: 1, promptTokens: 1, completionTokens: 1 },
  };
}

const construct = (value: string): ExecutableConstruct => ({
  kind: "module-source",
  file: "main.tf",
  line: 3,
  address: "module.x",
  value,
  description: "",
});

describe("constructs people wrote, named in the PR body", () => {
  it("a module source with backticks and a link stays inside its code span", () => {
    const evil = "git::https://x.example/`](https://evil.example)` [click](https://evil.example)";
    const body = pullRequestBody(report([construct(evil)]));
    const line = body.split("\n").find((l) => l.includes("x.example")) ?? "";
    // The span is opened with a backtick run longer than any inside, and closed by the same run.
    expect(line.endsWith(`: \`\`${evil}\`\``)).toBe(true);
    expect(evil).not.toContain("``");
    expect(body).toContain("### Code that runs, already in the modules this change touches");
  });

  it("a file name carrying markup is quoted too", () => {
    const body = pullRequestBody(
      report([
        { ...construct("./m"), kind: "external", file: "a`<img src=x onerror=alert(1)>`.tf", value: null },
      ]),
    );
    const line = body.split("\n").find((l) => l.includes("onerror")) ?? "";
    expect(line.startsWith("- ``")).toBe(true);
  });

  it("no section when people wrote nothing that runs", () => {
    expect(pullRequestBody(report([]))).not.toContain("Code that runs");
  });
});
