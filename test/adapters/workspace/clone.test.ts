import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { access, readFile, readdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { botAuthor, createWorkspace } from "../../../src/adapters/workspace/index.js";
import type { Workspace } from "../../../src/adapters/workspace/index.js";
import type { BareRepo } from "../../helpers/git.js";
import {
  branchSha,
  branchSubjects,
  createBareRepo,
  DEMO_INFRA,
  git,
  listBranchFiles,
  readBranchFile,
} from "../../helpers/git.js";

const TOKEN = `ghs_${"T0k3n".repeat(8)}`;
const BOT = botAuthor(123456);
const AUDIT = 'resource "aws_s3_bucket" "audit" {\n  bucket = "${local.name_prefix}-audit"\n}\n';

let repo: BareRepo;
let tmpRoot: string;
const open: Workspace[] = [];

beforeEach(async () => {
  repo = await createBareRepo({ fromDir: DEMO_INFRA });
  tmpRoot = await mkdtemp(join(tmpdir(), "devops-agent-ws-test-"));
});

afterEach(async () => {
  for (const ws of open.splice(0)) await ws.dispose();
  await repo.cleanup();
  await rm(tmpRoot, { recursive: true, force: true });
});

async function clone(options: { branch?: string } = {}): Promise<Workspace> {
  const factory = createWorkspace({ allowFileProtocol: true, author: BOT, tmpRoot });
  const ws = await factory.clone({ url: repo.url, token: TOKEN, ...options });
  open.push(ws);
  return ws;
}

describe("clone, commit and push", () => {
  it("delivers the change on agent/12-audit-bucket in the remote", async () => {
    const ws = await clone();
    expect(ws.kind).toBe("clone");
    expect(ws.defaultBranch).toBe("main");
    expect(ws.baseSha).toBe(repo.seedSha);
    const branch = await ws.checkoutBranch(ws.branchName(12, "Audit bucket"));
    expect(branch).toBe("agent/12-audit-bucket");

    await ws.writeFile("s3.tf", AUDIT);
    await ws.writeFile("modules/audit/main.tf", "# audit module\n");
    expect(await ws.status()).toEqual([
      { path: "modules/audit/main.tf", action: "create" },
      { path: "s3.tf", action: "modify" },
    ]);
    const result = await ws.commit("Add the audit bucket (#12)");
    if (!result.committed) throw new Error(result.reason);
    expect(ws.headSha).toBe(result.sha);
    expect(await ws.status()).toEqual([]);
    expect(await ws.diffNames(ws.baseSha)).toEqual(["modules/audit/main.tf", "s3.tf"]);

    expect(await ws.push({ branch })).toEqual({ branch, sha: result.sha, previousSha: null });
    expect(await branchSha(repo.gitDir, branch)).toBe(result.sha);
    expect(await readBranchFile(repo.gitDir, branch, "s3.tf")).toBe(AUDIT);
    expect(await listBranchFiles(repo.gitDir, branch)).toContain("modules/audit/main.tf");
    expect(await branchSha(repo.gitDir, "main")).toBe(repo.seedSha);
    const author = await git(["--git-dir", repo.gitDir, "log", "-1", "--format=%an <%ae>|%cn", branch]);
    expect(author.trim()).toBe(
      "devops-agent[bot] <123456+devops-agent[bot]@users.noreply.github.com>|devops-agent[bot]",
    );
  });

  it("converges when the same issue is run again: the branch is overwritten with the new content", async () => {
    const first = await clone();
    const branch = await first.checkoutBranch(first.branchName(12, "Audit bucket"));
    await first.writeFile("s3.tf", AUDIT);
    expect(await first.commit("First attempt")).toMatchObject({ committed: true });
    const pushedFirst = await first.push({ branch });
    await first.dispose();

    const second = await clone();
    expect(await second.checkoutBranch(second.branchName(12, "Audit bucket"))).toBe(branch);
    await second.writeFile("audit.tf", AUDIT);
    const two = await second.commit("Second attempt");
    if (!two.committed) throw new Error(two.reason);
    expect(await second.push({ branch })).toEqual({ branch, sha: two.sha, previousSha: pushedFirst.sha });
    expect(await branchSubjects(repo.gitDir, branch)).toEqual(["Second attempt", "Seed repository"]);
    expect(await readBranchFile(repo.gitDir, branch, "audit.tf")).toBe(AUDIT);
    // The first run's edit is gone: s3.tf is back to the default branch's content.
    expect(await readBranchFile(repo.gitDir, branch, "s3.tf")).toBe(
      await readBranchFile(repo.gitDir, "main", "s3.tf"),
    );
  });

  it("reports nothing to commit as a result, not an exception", async () => {
    const ws = await clone();
    await ws.checkoutBranch("agent/3-noop");
    await ws.writeFile("s3.tf", await ws.readFile("s3.tf"));
    expect(await ws.commit("No change")).toEqual({
      committed: false,
      reason: `nothing to commit: the files match ${repo.seedSha.slice(0, 12)}`,
    });
    expect(ws.headSha).toBe(repo.seedSha);
  });

  it("refuses a force push when someone pushed to the agent branch after it was read", async () => {
    const first = await clone();
    const branch = await first.checkoutBranch("agent/7-queue");
    await first.writeFile("sqs.tf", "# one\n");
    await first.commit("Agent run");
    const racer = await clone();
    await racer.checkoutBranch(branch);
    await first.push({ branch });
    await racer.writeFile("sqs.tf", "# two\n");
    await racer.commit("Stale run");
    await expect(racer.push({ branch })).rejects.toThrow(
      /^git push file:\/\/.*agent\/7-queue: .*stale info.* — the remote branch moved since it was read; re-run the job/,
    );
    expect(await readBranchFile(repo.gitDir, branch, "sqs.tf")).toBe("# one\n");
  });
});

describe("push policy", () => {
  it("never pushes to the default branch, nor force-pushes outside agent/", async () => {
    const ws = await clone();
    await expect(ws.push({ branch: "main" })).rejects.toThrow(
      "git push main: main is the default branch; the agent never pushes to it — push to an agent/<issue>-<slug> branch and open a pull request",
    );
    await expect(ws.push({ branch: "main", forceWithLease: false })).rejects.toThrow(
      /main is the default branch/,
    );
    await expect(ws.push({ branch: "feature/x" })).rejects.toThrow(
      "git push feature/x: force-with-lease is only allowed on the agent's own agent/… branches",
    );
    await expect(ws.push({ branch: "feature/x", forceWithLease: false })).rejects.toThrow(
      /neither the cloned branch nor an agent\/… branch/,
    );
    await expect(ws.push({ branch: "--delete" })).rejects.toThrow(
      'git push "--delete": not a valid branch name',
    );
    await expect(ws.push({ branch: "agent/9-missing" })).rejects.toThrow(
      "git push agent/9-missing: there is no local branch by that name — call checkoutBranch() and commit() first",
    );
    expect(await branchSha(repo.gitDir, "main")).toBe(repo.seedSha);
  });

  it("pushes a fast-forward commit to a cloned pull-request branch", async () => {
    const seedWs = await clone();
    await seedWs.checkoutBranch("feature/bucket");
    await seedWs.writeFile("s3.tf", AUDIT);
    await seedWs.commit("Human work");
    // Only agent/ branches may be force-pushed, so the PR branch is created here as a human would.
    await git(["push", "--quiet", repo.url, "feature/bucket:feature/bucket"], seedWs.dir);

    const ws = await clone({ branch: "feature/bucket" });
    expect(ws.baseBranch).toBe("feature/bucket");
    expect(ws.defaultBranch).toBe("main");
    await ws.writeFile("notes.md", "agent follow-up\n");
    const result = await ws.commit("Follow-up from /agent");
    if (!result.committed) throw new Error(result.reason);
    await ws.push({ branch: "feature/bucket", forceWithLease: false });
    expect(await branchSubjects(repo.gitDir, "feature/bucket")).toEqual([
      "Follow-up from /agent",
      "Human work",
      "Seed repository",
    ]);
  });
});

describe("the installation token", () => {
  it("is never written to .git/config", async () => {
    const ws = await clone();
    const config = await readFile(join(ws.dir, ".git", "config"), "utf8");
    expect(config).not.toContain(TOKEN);
    expect(config).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString("base64"));
    expect(config).not.toMatch(/extraheader|authorization/i);
    expect(config).toContain(`url = ${repo.url}`);
  });

  it("never appears in a clone error, and the failed clone leaves no directory behind", async () => {
    const factory = createWorkspace({ allowFileProtocol: true, tmpRoot });
    const failure = factory.clone({ url: `${repo.url}-missing`, token: TOKEN });
    await expect(failure).rejects.toThrow(
      /^git clone file:\/\/.*remote\.git-missing: .*does not appear to be a git repository.* — check the repository URL/,
    );
    const message = await failure.catch((error: unknown) => String(error));
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain("T0k3n");
    expect(await readdir(tmpRoot)).toEqual([]);
  });
});

describe("a repository the agent cannot work on", () => {
  it("an empty repository gets a clear error and leaves nothing behind", async () => {
    const empty = join(repo.root, "empty.git");
    await git(["init", "--quiet", "--bare", empty]);
    const factory = createWorkspace({ allowFileProtocol: true, tmpRoot });
    await expect(factory.clone({ url: `file://${empty}` })).rejects.toThrow(
      `git clone file://${empty}: the repository is empty — push a first commit to its default branch, then retry`,
    );
    await expect(factory.clone({ url: repo.url, branch: "agent/404-missing" })).rejects.toThrow(
      /^git clone file:\/\/.*: .*Remote branch agent\/404-missing not found.* — check the branch name; a pull request's branch may have been deleted$/,
    );
    expect(await readdir(tmpRoot)).toEqual([]);
  });
});

describe("dispose", () => {
  it("removes the directory even after a failed operation, and twice is fine", async () => {
    const ws = await clone();
    await expect(ws.writeFile("../escape.tf", "x")).rejects.toThrow(/leave the workspace/);
    await expect(ws.push({ branch: "main" })).rejects.toThrow(/default branch/);
    await ws.dispose();
    await expect(access(ws.dir)).rejects.toThrow(/ENOENT/);
    await ws.dispose();
    await expect(ws.status()).rejects.toThrow(
      "git status " + ws.dir + ": the workspace was disposed — create a new workspace",
    );
    expect(await readdir(tmpRoot)).toEqual([]);
  });
});
