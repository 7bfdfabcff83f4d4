import { afterEach, describe, expect, it } from "@jest/globals";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWorkspace } from "../../../src/adapters/workspace/index.js";
import { createLocalRepo, DEMO_INFRA, git } from "../../helpers/git.js";

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function localRepo() {
  const repo = await createLocalRepo({ fromDir: DEMO_INFRA });
  cleanups.push(repo.cleanup);
  return repo;
}

describe("openLocal", () => {
  it("works on the user's repository: a new branch from HEAD, a commit, no push, nothing deleted", async () => {
    const repo = await localRepo();
    const ws = await createWorkspace().openLocal(join(repo.dir, "modules"));
    expect(ws.kind).toBe("local");
    expect(ws.dir).toBe(repo.dir);
    expect(ws.defaultBranch).toBe("main");
    expect(ws.baseSha).toBe(repo.sha);

    const branch = await ws.checkoutBranch(ws.branchName(4, "Add an SQS queue with a DLQ"));
    expect(branch).toBe("agent/4-add-an-sqs-queue-with-a-dlq");
    await ws.writeFile("sqs.tf", "# queue\n");
    const result = await ws.commit("Add the orders queue");
    if (!result.committed) throw new Error(result.reason);
    expect((await git(["rev-parse", branch], repo.dir)).trim()).toBe(result.sha);
    expect((await git(["rev-parse", "main"], repo.dir)).trim()).toBe(repo.sha);
    expect((await git(["log", "-1", "--format=%an", branch], repo.dir)).trim()).toBe("devops-agent[bot]");

    await expect(ws.push({ branch })).rejects.toThrow(
      `git push ${branch}: a local workspace never pushes — the change stays on the local branch; push it yourself after review`,
    );
    await ws.dispose();
    await access(join(repo.dir, "sqs.tf"));
  });

  it("keeps an earlier run's branch and picks the next free name", async () => {
    const repo = await localRepo();
    await git(["branch", "agent/4-queue"], repo.dir);
    const ws = await createWorkspace().openLocal(repo.dir);
    expect(await ws.checkoutBranch("agent/4-queue")).toBe("agent/4-queue-2");
    expect((await git(["rev-parse", "--abbrev-ref", "HEAD"], repo.dir)).trim()).toBe("agent/4-queue-2");
  });

  it("refuses a tree with uncommitted changes, saying which", async () => {
    const repo = await localRepo();
    await writeFile(join(repo.dir, "s3.tf"), "# edited\n");
    await writeFile(join(repo.dir, "scratch.tf"), "# new\n");
    await expect(createWorkspace().openLocal(repo.dir)).rejects.toThrow(
      `open ${repo.dir}: 2 uncommitted changes (s3.tf, scratch.tf) — commit or stash them first, so the agent's branch holds only its own change`,
    );
  });

  it("refuses a missing directory, a non-repository and a repository without commits", async () => {
    const plain = await mkdtemp(join(tmpdir(), "devops-agent-plain-"));
    cleanups.push(() => rm(plain, { recursive: true, force: true }));
    const factory = createWorkspace();
    await expect(factory.openLocal(join(plain, "missing"))).rejects.toThrow(
      `open ${join(plain, "missing")}: no such directory — pass the path of a git repository with --repo`,
    );
    await expect(factory.openLocal(plain)).rejects.toThrow(
      `open ${plain}: not a git repository — run \`git init\` and commit once, or pass the repository's directory`,
    );
    await git(["init", "--quiet"], plain);
    await expect(factory.openLocal(plain)).rejects.toThrow(
      /: the repository has no commits yet — commit the existing files once, then run again$/,
    );
  });
});
