import { describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { REPO, gh } from "../helpers/github.js";
import { commentPayload, examplePayload, patchPayload } from "../helpers/payloads.js";

const COMMENT_ID = 492700400;

describe("job processing", () => {
  it("comments once on a broken config, naming the field and line, then works on defaults", async () => {
    const app = await createTestApp();
    let configComment = "";
    let help = "";
    gh()
      .config("access:\n  minimumPermission: root\n")
      .comments(1)
      .createComment(1, (b) => (configComment = b), 600)
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1)
      .createComment(1, (b) => (help = b));
    await app.deliver("issue_comment", commentPayload("/agent help"));
    expect(configComment).toContain("<!-- devops-agent:config-error:repo -->");
    expect(configComment).toContain("- line 2, `access.minimumPermission`: Invalid option");
    expect(help).toContain("at least `write` access");
  });

  it("honours the config: a higher permission threshold refuses writers", async () => {
    const app = await createTestApp();
    let refusal = "";
    gh()
      .config("access:\n  minimumPermission: maintain\n")
      .permission("Codertocat", "write")
      .comments(1)
      .createComment(1, (b) => (refusal = b));
    await app.deliver("issue_comment", commentPayload("/agent help"));
    expect(refusal).toContain("at least\n`maintain` access");
  });

  it("runs several commands of one comment in order", async () => {
    const app = await createTestApp();
    const bodies: string[] = [];
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1)
      .createComment(1, (b) => bodies.push(b))
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1)
      .createComment(1, (b) => bodies.push(b), 501);
    await app.deliver("issue_comment", commentPayload("/agent help\n/agent review"));
    expect(bodies.map((b) => b.split("\n")[0])).toEqual([
      "<!-- devops-agent:help:1 -->",
      "<!-- devops-agent:unavailable:review -->",
    ]);
    // On an issue (not a PR) the second command answers where it works; the point is the order.
    expect(bodies[1]).toContain("`/agent review` works on pull requests only.");
  });

  it("answers a malformed command with what was wrong", async () => {
    const app = await createTestApp();
    let reply = "";
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1)
      .createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent plan ../../secrets"));
    expect(reply).toContain("- line 1: `/agent plan` takes one relative directory inside the repository");
  });

  it("turns a failure into a visible comment and an audit line, with secrets redacted", async () => {
    const app = await createTestApp();
    let failure = "";
    gh()
      .noConfig()
      .scope.get(`${REPO}/collaborators/Codertocat/permission`)
      .reply(500, { message: "boom AKIAIOSFODNN7EXAMPLE" });
    gh()
      .comments(1)
      .createComment(1, (b) => (failure = b));
    await app.deliver("issue_comment", commentPayload("/agent help"), "d-fail");
    expect(failure).toContain("<!-- devops-agent:error:help -->");
    expect(failure).toContain("### ❌ I could not finish `/agent help`");
    expect(failure).toContain("[REDACTED]");
    expect(failure).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(app.log.text()).not.toContain("AKIAIOSFODNN7EXAMPLE");
    const audit = app.log.entries.find((e) => e.msg === "job finished")?.obj as {
      audit: { outcome: string };
    };
    expect(audit.audit.outcome).toBe("failed");
  });

  it("runs /agent lines from a new issue's body", async () => {
    const app = await createTestApp();
    let help = "";
    const issue = patchPayload(examplePayload("issues", "opened"), {
      installation: { id: 1 },
      issue: { body: "Hello\n/agent help" },
    });
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .comments(1)
      .createComment(1, (b) => (help = b));
    await app.deliver("issues", issue);
    expect(help).toContain("devops-agent commands");
  });

  it("leaves an ordinary new issue alone unless the config says otherwise", async () => {
    const app = await createTestApp();
    const issue = patchPayload(examplePayload("issues", "opened"), { installation: { id: 1 } });
    gh().noConfig();
    await app.deliver("issues", issue);
    const audit = app.log.entries.find((e) => e.msg === "job finished")?.obj as {
      audit: { outcome: string };
    };
    expect(audit.audit.outcome).toBe("disabled");
  });

  it("ignores labels other than the trigger label", async () => {
    const app = await createTestApp();
    const labeled = patchPayload(examplePayload("issues", "labeled"), { installation: { id: 1 } });
    gh().noConfig();
    await app.deliver("issues", labeled);
    const audit = app.log.entries.find((e) => e.msg === "job finished")?.obj as {
      audit: { outcome: string };
    };
    expect(audit.audit.outcome).toBe("disabled");
  });
});
