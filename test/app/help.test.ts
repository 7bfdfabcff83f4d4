import { describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { REPO, gh } from "../helpers/github.js";
import { commentPayload, examplePayload, patchPayload } from "../helpers/payloads.js";

const HELP_MARKER = "<!-- devops-agent:help:1 -->";
// The comment id in the real example payload.
const COMMENT_ID = 492700400;

describe("/agent help, end to end", () => {
  it("answers a writer with 👀 and one help comment", async () => {
    const app = await createTestApp();
    let posted = "";
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1)
      .createComment(1, (b) => (posted = b));

    await app.deliver("issue_comment", commentPayload("/agent help"), "d-1");

    expect(posted.startsWith(`${HELP_MARKER}\n### 🤖 devops-agent commands`)).toBe(true);
    expect(posted).toContain("| `/agent help` | Shows this list. | issues and pull requests |");
    expect(posted).toContain("at least `write` access");
    const audit = app.log.entries.find((e) => e.msg === "job finished")?.obj;
    expect(audit).toEqual({
      audit: {
        delivery: "d-1",
        job: "d-1:0",
        repo: "Codertocat/Hello-World",
        number: 1,
        sender: "Codertocat",
        kind: "help",
        outcome: "done",
        durationMs: 0,
      },
    });
  });

  it("drops a repeated delivery: no second comment", async () => {
    const app = await createTestApp();
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1)
      .createComment(1, () => undefined);
    await app.deliver("issue_comment", commentPayload("/agent help"), "same-id");
    // No mocks for the second delivery: any GitHub request would fail the test.
    await app.deliver("issue_comment", commentPayload("/agent help"), "same-id");
    expect(app.log.entries.filter((e) => e.msg === "job finished")).toHaveLength(1);
  });

  it("updates the sticky help comment instead of adding another", async () => {
    const app = await createTestApp();
    let updated = "";
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1, [
        { id: 7, body: "/agent help", login: "Codertocat", type: "User" },
        { id: 8, body: `${HELP_MARKER}\nold help` },
      ])
      .updateComment(8, (b) => (updated = b));
    await app.deliver("issue_comment", commentPayload("/agent help"));
    expect(updated).toContain("| `/agent help` |");
  });

  it("does not take over a human comment that copies the marker", async () => {
    const app = await createTestApp();
    let created = "";
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(COMMENT_ID)
      .comments(1, [{ id: 8, body: `${HELP_MARKER}\nforged`, login: "mallory", type: "User" }])
      .createComment(1, (b) => (created = b));
    await app.deliver("issue_comment", commentPayload("/agent help"));
    expect(created.startsWith(HELP_MARKER)).toBe(true);
  });

  it("refuses a read-only user once, and stays silent on their next try", async () => {
    const app = await createTestApp();
    let refusal = "";
    gh()
      .noConfig()
      .permission("octo-reader", "read")
      .comments(1)
      .createComment(1, (b) => (refusal = b));
    await app.deliver("issue_comment", commentPayload("/agent help", { sender: "octo-reader" }));
    expect(refusal).toContain("<!-- devops-agent:refusal:octo-reader -->");
    expect(refusal).toContain("at least\n`write` access");

    gh()
      .noConfig()
      .permission("octo-reader", "read")
      .comments(1, [{ id: 9, body: refusal }]);
    await app.deliver("issue_comment", commentPayload("/agent help again", { sender: "octo-reader" }));
    const outcomes = app.log.entries.map((e) => (e.obj as { audit?: { outcome: string } }).audit?.outcome);
    expect(outcomes.filter(Boolean)).toEqual(["refused", "refused"]);
  });

  it("treats a user who is not a collaborator at all as read-only", async () => {
    const app = await createTestApp();
    gh()
      .noConfig()
      .scope.get(`${REPO}/collaborators/stranger/permission`)
      .reply(404, { message: "Not Found" });
    gh()
      .comments(1)
      .createComment(1, () => undefined);
    await app.deliver("issue_comment", commentPayload("/agent help", { sender: "stranger" }));
  });

  it("ignores bots, including itself", async () => {
    const app = await createTestApp();
    await app.deliver(
      "issue_comment",
      commentPayload("/agent help", { sender: "devops-agent[bot]", senderType: "Bot" }),
    );
    await app.deliver(
      "issue_comment",
      commentPayload("/agent help", { sender: "renovate[bot]", senderType: "Bot" }),
    );
    expect(app.log.entries).toEqual([]);
  });

  it("ignores /agent inside a code fence or a quoted reply", async () => {
    const app = await createTestApp();
    await app.deliver("issue_comment", commentPayload("Try this:\n```\n/agent help\n```"));
    await app.deliver("issue_comment", commentPayload("> /agent help\nI agree"));
    expect(app.log.entries).toEqual([]);
  });

  it("logs and ignores a malformed payload", async () => {
    const app = await createTestApp();
    const broken = patchPayload(commentPayload("/agent help"), { comment: { id: "seven" } });
    await app.deliver("issue_comment", broken);
    const { repository: _dropped, ...truncated } = commentPayload("/agent help");
    await app.deliver("issue_comment", truncated);
    expect(app.log.entries.map((e) => [e.level, e.msg])).toEqual([
      ["warn", "ignored: malformed payload"],
      ["warn", "ignored: malformed payload"],
    ]);
    expect(JSON.stringify(app.log.entries[0]?.obj)).toContain("comment.id");
  });

  it("ignores comment events it does not handle", async () => {
    const app = await createTestApp();
    await app.deliver(
      "issue_comment",
      patchPayload(examplePayload("issue_comment", "deleted"), { installation: { id: 1 } }),
    );
    expect(app.log.entries).toEqual([]);
  });
});
