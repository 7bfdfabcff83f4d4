import { afterEach, describe, expect, it } from "@jest/globals";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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
  it("works on the user's repository: a new branch from HEAD, a commit, no push, the commit kept", async () => {
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

  it("undoes everything on dispose when nothing was committed: files, directories and the branch", async () => {
    const repo = await localRepo();
    const original = await readFile(join(repo.dir, "s3.tf"), "utf8");
    const ws = await createWorkspace().openLocal(repo.dir);
    const branch = await ws.checkoutBranch("agent/5-lambda");
    await ws.writeFile("s3.tf", "# broken attempt\n");
    await ws.writeFile("lambda/src/handler.py", "def handler(event, context):\n");
    await ws.dispose();
    expect(await readFile(join(repo.dir, "s3.tf"), "utf8")).toBe(original);
    await expect(access(join(repo.dir, "lambda"))).rejects.toThrow(/ENOENT/);
    expect((await git(["rev-parse", "--abbrev-ref", "HEAD"], repo.dir)).trim()).toBe("main");
    expect(await git(["branch", "--list", branch], repo.dir)).toBe("");
    expect(await git(["status", "--porcelain"], repo.dir)).toBe("");
  });

  it("keeps what was committed and undoes only later, uncommitted writes", async () => {
    const repo = await localRepo();
    const ws = await createWorkspace().openLocal(repo.dir);
    const branch = await ws.checkoutBranch("agent/6-topic");
    await ws.writeFile("sns.tf", "# topic\n");
    await ws.commit("Add the alerts topic");
    await ws.writeFile("sns.tf", "# half-done repair\n");
    await ws.writeFile("extra.tf", "# scratch\n");
    await ws.dispose();
    expect((await git(["rev-parse", "--abbrev-ref", "HEAD"], repo.dir)).trim()).toBe(branch);
    expect(await readFile(join(repo.dir, "sns.tf"), "utf8")).toBe("# topic\n");
    await expect(access(join(repo.dir, "extra.tf"))).rejects.toThrow(/ENOENT/);
    expect(await git(["status", "--porcelain"], repo.dir)).toBe("");
  });

  it("returns to a detached starting commit", async () => {
    const repo = await localRepo();
    await git(["checkout", "--quiet", "--detach"], repo.dir);
    const ws = await createWorkspace().openLocal(repo.dir);
    expect(ws.defaultBranch).toBe(repo.sha.slice(0, 12));
    await ws.checkoutBranch("agent/8-x");
    await ws.dispose();
    expect((await git(["rev-parse", "--abbrev-ref", "HEAD"], repo.dir)).trim()).toBe("HEAD");
    expect((await git(["rev-parse", "HEAD"], repo.dir)).trim()).toBe(repo.sha);
    expect(await git(["branch", "--list", "agent/8-x"], repo.dir)).toBe("");
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
