import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import {
  DEMO_INFRA,
  createBareRepo,
  listBranchFiles,
  readBranchFile,
  type BareRepo,
} from "../helpers/git.js";
import { REPO, gh } from "../helpers/github.js";
import { commentPayload, examplePayload, patchPayload } from "../helpers/payloads.js";

const COMMENT_ID = 492700400;
const REQUEST = "we need an encrypted S3 bucket for audit logs with 90-day retention";
let remote: BareRepo | undefined;

afterEach(async () => {
  await remote?.cleanup();
  remote = undefined;
});

/** A bare repository seeded with the demo, laid out as <base>/Codertocat/Hello-World.git. */
async function githubLikeRemote(): Promise<{ remote: BareRepo; gitBaseUrl: string }> {
  const created = await createBareRepo({ fromDir: DEMO_INFRA });
  await mkdir(join(created.root, "hosts", "Codertocat"), { recursive: true });
  await symlink(created.gitDir, join(created.root, "hosts", "Codertocat", "Hello-World.git"));
  return { remote: created, gitBaseUrl: pathToFileURL(join(created.root, "hosts")).toString() };
}

const workspaces = (gitBaseUrl: string) => ({
  gitBaseUrl,
  author: { name: "devops-agent[bot]", email: "1+devops-agent[bot]@users.noreply.github.com" },
  allowFileProtocol: true,
});

describe("issue → infrastructure PR, offline (recipes)", () => {
  it("clones, writes validated Terraform on agent/<n>-<slug>, pushes, and opens a PR that explains itself", async () => {
    const setup = await githubLikeRemote();
    remote = setup.remote;
    const app = await createTestApp({ workspaces: workspaces(setup.gitBaseUrl) });
    let progress = "";
    let prBody = "";
    let prRequest: Record<string, unknown> = {};
    const api = gh().noConfig().permission("Codertocat", "write").reaction(COMMENT_ID).comments(1);
    api.createComment(1, (b) => (progress = b), 900);
    api.scope
      .patch(`${REPO}/issues/comments/900`)
      .times(7)
      .reply(200, (_uri, body) => {
        progress = (body as { body: string }).body;
        return { id: 900, html_url: "https://github.com/x", body: progress };
      });
    api.scope
      .get(`${REPO}/pulls`)
      .query({ head: /Codertocat:agent\/1-/, state: "open", per_page: 1 })
      .reply(200, []);
    api.scope.post(`${REPO}/pulls`).reply(201, (_uri, body) => {
      prRequest = body as Record<string, unknown>;
      prBody = String(prRequest.body);
      return { number: 42, html_url: "https://github.com/Codertocat/Hello-World/pull/42" };
    });

    await app.deliver("issue_comment", commentPayload(`/agent ${REQUEST}`));

    const branch = String(prRequest.head);
    expect(branch).toMatch(/^agent\/1-devops-agent-we-need-an-encrypted-s3/);
    expect(prRequest.base).toBe("main");
    // The title says what the change does, not what was asked.
    expect(prRequest.title).toMatch(/^devops-agent: Add aws_s3_bucket\.\w+ and \d+ more$/);
    const files = await listBranchFiles(setup.remote.gitDir, branch);
    const s3 = await readBranchFile(setup.remote.gitDir, branch, "s3.tf");
    expect(files).toContain("s3.tf");
    expect(s3).toContain('resource "aws_s3_bucket_lifecycle_configuration"');
    expect(s3).toContain("days = 90");
    expect(s3).toContain("aws_s3_bucket_public_access_block");
    expect(prBody.startsWith("<!-- devops-agent:pr:agent/1-")).toBe(true);
    expect(prBody).toContain("### Validation");
    expect(prBody).toContain("✅ HCL parses");
    expect(prBody).toContain("Closes #1");
    expect(prBody).toContain("LLM calls: 0");
    expect(prBody).toContain("aws_s3_bucket");
    expect(progress).toContain("✅ Opened the pull request");
    expect(progress).toContain("Opened #42: https://github.com/Codertocat/Hello-World/pull/42");
    const audit = app.log.entries.find((e) => e.msg === "job finished")?.obj as {
      audit: Record<string, unknown>;
    };
    expect(audit.audit).toMatchObject({
      kind: "request",
      outcome: "done",
      llm: { calls: 0, promptTokens: 0, completionTokens: 0 },
    });
  });

  it("says honestly when a request needs a model and opens no PR", async () => {
    const setup = await githubLikeRemote();
    remote = setup.remote;
    const app = await createTestApp({ workspaces: workspaces(setup.gitBaseUrl) });
    let progress = "";
    const api = gh().noConfig().permission("Codertocat", "write").reaction(COMMENT_ID).comments(1);
    api.createComment(1, (b) => (progress = b), 900);
    api.scope
      .patch(`${REPO}/issues/comments/900`)
      .times(4)
      .reply(200, (_uri, body) => {
        progress = (body as { body: string }).body;
        return { id: 900, html_url: "https://github.com/x", body: progress };
      });
    await app.deliver(
      "issue_comment",
      commentPayload("/agent create an EKS cluster named after a random_pet"),
    );
    expect(progress).toContain("I did not open a pull request");
    expect(progress).toContain("part of the request is not covered offline: random_pet");
    expect(await listBranchFiles(setup.remote.gitDir, "main")).not.toContain("msk.tf");
  });

  it("treats a labelled issue as the request", async () => {
    const setup = await githubLikeRemote();
    remote = setup.remote;
    const app = await createTestApp({ workspaces: workspaces(setup.gitBaseUrl) });
    let prRequest: Record<string, unknown> = {};
    const issue = patchPayload(examplePayload("issues", "labeled"), {
      installation: { id: 1 },
      label: { name: "agent" },
      issue: { title: "SQS queue for orders", body: "with a dead-letter queue after 5 failed receives" },
    });
    const api = gh().noConfig().permission("Codertocat", "write").comments(1);
    api.createComment(1, () => undefined, 900);
    api.scope
      .patch(`${REPO}/issues/comments/900`)
      .times(7)
      .reply(200, { id: 900, html_url: "https://github.com/x", body: "" });
    api.scope.get(`${REPO}/pulls`).query(true).reply(200, []);
    api.scope.post(`${REPO}/pulls`).reply(201, (_uri, body) => {
      prRequest = body as Record<string, unknown>;
      return { number: 43, html_url: "https://github.com/Codertocat/Hello-World/pull/43" };
    });
    await app.deliver("issues", issue);
    const branch = String(prRequest.head);
    const sqs = await readBranchFile(setup.remote.gitDir, branch, "sqs.tf");
    expect(sqs).toContain("maxReceiveCount");
    expect(sqs).toContain("5");
  });
});
