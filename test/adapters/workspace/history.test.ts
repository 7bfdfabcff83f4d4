import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { botAuthor, createWorkspace } from "../../../src/adapters/workspace/index.js";
import type { BareRepo } from "../../helpers/git.js";
import { createBareRepo, DEMO_INFRA, HUMAN, pushCommitAs } from "../../helpers/git.js";

const BOT = botAuthor(4242);
const DEPENDABOT = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };
const BRANCH = "agent/30-logs-bucket";

let repo: BareRepo;
let agentSha: string;
const factory = () => createWorkspace({ allowFileProtocol: true, author: BOT });

beforeAll(async () => {
  repo = await createBareRepo({ fromDir: DEMO_INFRA });
  const ws = await factory().clone({ url: repo.url });
  try {
    await ws.checkoutBranch(BRANCH);
    await ws.writeFile("logs-bucket.tf", "# agent\n");
    const result = await ws.commit("Add the logs bucket (#30)");
    if (!result.committed) throw new Error(result.reason);
    agentSha = result.sha;
    await ws.push({ branch: BRANCH });
  } finally {
    await ws.dispose();
  }
  await pushCommitAs(
    repo,
    BRANCH,
    { "logs-bucket.tf": "# agent, renamed by a human\n" },
    "Rename the bucket",
  );
  await pushCommitAs(repo, BRANCH, { "versions.tf": "# bump\n" }, "Bump provider", DEPENDABOT);
  await pushCommitAs(repo, BRANCH, { "README.md": "# notes\n" }, "Document the bucket");
});

afterAll(async () => {
  await repo.cleanup();
});

describe("humanCommitsSince", () => {
  it("lists the humans' commits on top of the agent's, deepening the shallow clone as needed", async () => {
    const ws = await factory().clone({ url: repo.url, branch: BRANCH });
    try {
      const commits = await ws.humanCommitsSince(agentSha);
      expect(
        commits.map(({ authorName, authorEmail, subject }) => ({ authorName, authorEmail, subject })),
      ).toEqual([
        { authorName: HUMAN.name, authorEmail: HUMAN.email, subject: "Rename the bucket" },
        { authorName: HUMAN.name, authorEmail: HUMAN.email, subject: "Document the bucket" },
      ]);
      expect(commits.every(({ sha }) => /^[0-9a-f]{40}$/.test(sha))).toBe(true);
      expect(await ws.diffNames(agentSha)).toEqual(["README.md", "logs-bucket.tf", "versions.tf"]);
      expect(await ws.humanCommitsSince(ws.headSha)).toEqual([]);
    } finally {
      await ws.dispose();
    }
  });

  it("says so when the commit is not on the branch", async () => {
    const ws = await factory().clone({ url: repo.url });
    try {
      const missing = "0123456789abcdef0123456789abcdef01234567";
      await expect(ws.humanCommitsSince(missing)).rejects.toThrow(
        `git log ${missing}..HEAD: ${missing} is not in the history of ${repo.seedSha.slice(0, 12)} — pass a commit of this branch (the agent's last commit)`,
      );
      await expect(ws.humanCommitsSince("--all")).rejects.toThrow(
        'git log "--all": not a commit sha or branch name',
      );
      await expect(ws.diffNames("HEAD~1..")).rejects.toThrow(
        'git diff "HEAD~1..": not a commit sha or branch name',
      );
    } finally {
      await ws.dispose();
    }
  });
});

describe("diffNames", () => {
  it("fetches the base commit into a shallow clone first", async () => {
    const ws = await factory().clone({ url: repo.url, branch: BRANCH });
    try {
      expect(await ws.diffNames(repo.seedSha)).toEqual(["README.md", "logs-bucket.tf", "versions.tf"]);
      expect(await ws.diffNames("main")).toEqual(["README.md", "logs-bucket.tf", "versions.tf"]);
      await expect(ws.diffNames("no-such-branch")).rejects.toThrow(
        `git diff no-such-branch: no commit no-such-branch in the history of ${BRANCH} — pass a commit or branch of this repository`,
      );
    } finally {
      await ws.dispose();
    }
  });
});
