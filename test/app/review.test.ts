import { mkdir, readFile, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { type BareRepo, createBareRepo, git, pushCommitAs } from "../helpers/git.js";
import { REPO, gh } from "../helpers/github.js";
import { commentPayload, examplePayload, patchPayload, type Payload } from "../helpers/payloads.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/review");
const COMMENT_ID = 492700400;
let remote: BareRepo | undefined;
afterEach(async () => {
  await remote?.cleanup();
  remote = undefined;
});

const sg = (i: number) => `resource "aws_security_group" "open_${i}" {
  name = "open-${i}"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;

/** main holds the insecure fixture; branch `feature` adds `files` on top. Laid out like github.com. */
async function repoWithFeature(files: Record<string, string>) {
  const seed: Record<string, string> = {};
  for (const name of ["main.tf", "iam.tf"])
    seed[name] = await readFile(join(FIXTURES, "insecure", name), "utf8");
  remote = await createBareRepo({ files: seed });
  await git(["--git-dir", remote.gitDir, "branch", "feature", "main"]);
  const headSha = await pushCommitAs(remote, "feature", files, "Add resources");
  await mkdir(join(remote.root, "hosts", "Codertocat"), { recursive: true });
  await symlink(remote.gitDir, join(remote.root, "hosts", "Codertocat", "Hello-World.git"));
  const workspaces = {
    gitBaseUrl: pathToFileURL(join(remote.root, "hosts")).toString(),
    author: { name: "devops-agent[bot]", email: "1+devops-agent[bot]@users.noreply.github.com" },
    allowFileProtocol: true,
  };
  return { headSha, workspaces };
}

function pullRequest(headSha: string): Payload {
  const pr = examplePayload("pull_request", "opened").pull_request as Payload;
  return patchPayload(pr, {
    number: 1,
    state: "open",
    head: { ref: "feature", sha: headSha, repo: { full_name: "Codertocat/Hello-World" } },
    base: { repo: { full_name: "Codertocat/Hello-World" } },
  });
}

function prFiles(files: { filename: string; status: string }[]) {
  return files.map((f, i) => ({
    sha: "0".repeat(40),
    filename: f.filename,
    status: f.status,
    additions: 1,
    deletions: 0,
    changes: 1,
    blob_url: `https://github.com/Codertocat/Hello-World/blob/x/${f.filename}`,
    raw_url: `https://github.com/Codertocat/Hello-World/raw/x/${f.filename}`,
    contents_url: `https://api.github.com/repos/Codertocat/Hello-World/contents/${f.filename}`,
    patch: `@@ -0,0 +1 @@ ${i}`,
  }));
}

interface CheckCalls {
  created: Record<string, unknown>[];
  updates: Record<string, unknown>[];
}

function checkRuns(api: ReturnType<typeof gh>, updates: number): CheckCalls {
  const calls: CheckCalls = { created: [], updates: [] };
  api.scope.post(`${REPO}/check-runs`).reply(201, (_uri, body) => {
    calls.created.push(body as Record<string, unknown>);
    return { id: 77, html_url: "https://github.com/Codertocat/Hello-World/runs/77", status: "in_progress" };
  });
  api.scope
    .patch(`${REPO}/check-runs/77`)
    .times(updates)
    .reply(200, (_uri, body) => {
      calls.updates.push(body as Record<string, unknown>);
      return { id: 77, html_url: "https://github.com/Codertocat/Hello-World/runs/77", status: "completed" };
    });
  return calls;
}

type Output = {
  title: string;
  summary: string;
  annotations: { path: string; start_line: number; annotation_level: string }[];
};

describe("/agent review: a check run with line annotations", () => {
  it("reviews the PR head from git, annotates the changed file only, fails on errors and says so in the thread", async () => {
    const { headSha, workspaces } = await repoWithFeature({ "ssh.tf": sg(1) });
    const app = await createTestApp({ workspaces });
    let reply = "";
    const api = gh().noConfig().permission("Codertocat", "write").reaction(COMMENT_ID);
    api.scope.get(`${REPO}/pulls/1`).reply(200, pullRequest(headSha));
    api.scope
      .get(`${REPO}/pulls/1/files`)
      .query(true)
      .reply(200, prFiles([{ filename: "ssh.tf", status: "added" }]));
    const calls = checkRuns(api, 1);
    api.comments(1).createComment(1, (b) => (reply = b));

    await app.deliver("issue_comment", commentPayload("/agent review", { pr: true }));

    expect(calls.created[0]).toMatchObject({
      name: "devops-agent review",
      head_sha: headSha,
      status: "in_progress",
    });
    const update = calls.updates[0] as { status: string; conclusion: string; output: Output };
    expect(update.status).toBe("completed");
    expect(update.conclusion).toBe("failure");
    expect(update.output.title).toBe("1 error, 0 warnings, 0 notes in changed files");
    expect(update.output.annotations).toEqual([
      {
        path: "ssh.tf",
        start_line: 4,
        end_line: 4,
        annotation_level: "failure",
        title: "security/ingress-open-to-internet",
        message: "aws_security_group.open_1 opens tcp 22 to 0.0.0.0/0",
      },
    ]);
    // The main branch's own problems are listed, not counted and not annotated.
    expect(update.output.summary).toMatch(/findings in files this change does not touch \(not counted\)/);
    expect(update.output.summary).toContain("security/iam-admin");
    expect(reply).toContain(
      `❌ Reviewed \`${headSha.slice(0, 7)}\`: 1 error, 0 warnings, 0 notes in changed files.`,
    );
    expect(reply).toContain("(https://github.com/Codertocat/Hello-World/runs/77)");
  });

  it("sends more than 50 annotations in batches of 50, the conclusion with the first", async () => {
    const many: Record<string, string> = {
      "open.tf": Array.from({ length: 60 }, (_, i) => sg(i)).join("\n"),
    };
    const { headSha, workspaces } = await repoWithFeature(many);
    const app = await createTestApp({ workspaces });
    const api = gh().noConfig().permission("Codertocat", "write").reaction(COMMENT_ID);
    api.scope.get(`${REPO}/pulls/1`).reply(200, pullRequest(headSha));
    api.scope
      .get(`${REPO}/pulls/1/files`)
      .query(true)
      .reply(200, prFiles([{ filename: "open.tf", status: "added" }]));
    const calls = checkRuns(api, 2);
    api.comments(1).createComment(1, () => undefined);

    await app.deliver("issue_comment", commentPayload("/agent review", { pr: true }));

    const [first, second] = calls.updates as { conclusion?: string; output: Output }[];
    expect(first?.conclusion).toBe("failure");
    expect(first?.output.annotations).toHaveLength(50);
    expect(second?.conclusion).toBeUndefined();
    expect(second?.output.annotations).toHaveLength(10);
  });
});

describe("review.auto: pull requests touching Terraform are reviewed on open and push", () => {
  it("reviews a pushed head when the repo config turns it on", async () => {
    const { headSha, workspaces } = await repoWithFeature({ "ssh.tf": sg(2) });
    const app = await createTestApp({ workspaces });
    const api = gh().config("review:\n  auto: true\n");
    api.scope.get(`${REPO}/pulls/1`).reply(200, pullRequest(headSha));
    api.scope
      .get(`${REPO}/pulls/1/files`)
      .query(true)
      .reply(200, prFiles([{ filename: "ssh.tf", status: "added" }]));
    const calls = checkRuns(api, 1);
    const payload = patchPayload(examplePayload("pull_request", "synchronize"), {
      installation: { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
      pull_request: pullRequest(headSha),
    });

    await app.deliver("pull_request", payload);

    expect(calls.created[0]).toMatchObject({ head_sha: headSha });
    expect((calls.updates[0] as { conclusion: string }).conclusion).toBe("failure");
  });

  it("does nothing when review.auto is off (the default)", async () => {
    const app = await createTestApp();
    gh().noConfig();
    const payload = patchPayload(examplePayload("pull_request", "opened"), {
      installation: { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
      pull_request: { number: 1, state: "open", head: { sha: "a".repeat(40) } },
    });
    await app.deliver("pull_request", payload);
    expect(app.log.text()).toContain('"outcome":"disabled"');
  });

  it("passes a pull request without Terraform without cloning it", async () => {
    const app = await createTestApp();
    const api = gh().config("review:\n  auto: true\n");
    const sha = "b".repeat(40);
    api.scope.get(`${REPO}/pulls/1`).reply(200, pullRequest(sha));
    api.scope
      .get(`${REPO}/pulls/1/files`)
      .query(true)
      .reply(200, prFiles([{ filename: "README.md", status: "modified" }]));
    const calls = checkRuns(api, 1);
    const payload = patchPayload(examplePayload("pull_request", "opened"), {
      installation: { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
      pull_request: pullRequest(sha),
    });
    await app.deliver("pull_request", payload);
    expect(calls.updates[0]).toMatchObject({
      conclusion: "success",
      output: { title: "No Terraform files in this change" },
    });
  });
});
