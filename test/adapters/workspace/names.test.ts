import { describe, expect, it } from "@jest/globals";
import { branchName, botAuthor, isAgentBranch, slugify } from "../../../src/adapters/workspace/index.js";
import { checkBranchName } from "../../../src/adapters/workspace/branch.js";
import { parsePorcelain } from "../../../src/adapters/workspace/status.js";

describe("branchName", () => {
  it.each([
    [12, "Audit bucket", "agent/12-audit-bucket"],
    [3, "  Add an S3 bucket for `logs`!!  ", "agent/3-add-an-s3-bucket-for-logs"],
    [7, "Crée une file SQS — café", "agent/7-cree-une-file-sqs-cafe"],
    [9, "🔥🔥🔥", "agent/9-change"],
    [10, "", "agent/10-change"],
    [11, "../../etc/passwd; rm -rf /", "agent/11-etc-passwd-rm-rf"],
    [
      12,
      "Please create a DynamoDB table with point in time recovery and KMS",
      "agent/12-please-create-a-dynamodb-table-with-poin",
    ],
  ])("issue %d %j → %s", (issue, title, expected) => {
    expect(branchName(issue, title)).toBe(expected);
  });

  it("keeps slugs within 40 characters without a trailing dash", () => {
    const slug = slugify("aaaa ".repeat(30));
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe("aaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaa");
  });

  it("refuses an issue number that is not a positive integer", () => {
    expect(() => branchName(0, "x")).toThrow(
      "branch name 0: the issue number must be a positive integer — pass the issue's number",
    );
    expect(() => branchName(1.5, "x")).toThrow(/positive integer/);
  });
});

describe("branch names we accept", () => {
  it.each(["agent/12-audit-bucket", "feature/x", "release-1.2"])("accepts %s", (name) => {
    expect(checkBranchName("git push", name)).toBe(name);
  });
  it.each(["-f", "--delete", "a..b", "a//b", "a/", "x.lock", "a/.hidden", "with space", "a:b", "refs^{}"])(
    "refuses %j",
    (name) => {
      expect(() => checkBranchName("git push", name)).toThrow(
        `git push ${JSON.stringify(name)}: not a valid branch name`,
      );
    },
  );
  it("knows the agent's own branches", () => {
    expect(isAgentBranch("agent/1-x")).toBe(true);
    expect(isAgentBranch("agent/")).toBe(false);
    expect(isAgentBranch("main")).toBe(false);
    expect(isAgentBranch("agents/1-x")).toBe(false);
  });
});

describe("botAuthor", () => {
  it("uses GitHub's noreply address for the app's bot", () => {
    expect(botAuthor(98765)).toEqual({
      name: "devops-agent[bot]",
      email: "98765+devops-agent[bot]@users.noreply.github.com",
    });
    expect(botAuthor("42", "infra-helper")).toEqual({
      name: "infra-helper[bot]",
      email: "42+infra-helper[bot]@users.noreply.github.com",
    });
  });
});

describe("parsePorcelain", () => {
  it("maps git status entries to create, modify and delete", () => {
    const output = [
      "?? new.tf",
      "A  staged.tf",
      " M s3.tf",
      "M  iam.tf",
      " D old.tf",
      "D  gone.tf",
      "AD added-then-removed.tf",
      " T typechange",
      "?? dir with space/f.tf",
      "",
    ].join("\0");
    expect(parsePorcelain(output)).toEqual([
      { path: "dir with space/f.tf", action: "create" },
      { path: "gone.tf", action: "delete" },
      { path: "iam.tf", action: "modify" },
      { path: "new.tf", action: "create" },
      { path: "old.tf", action: "delete" },
      { path: "s3.tf", action: "modify" },
      { path: "staged.tf", action: "create" },
      { path: "typechange", action: "modify" },
    ]);
    expect(parsePorcelain("")).toEqual([]);
  });
});
