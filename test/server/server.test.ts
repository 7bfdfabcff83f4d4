import { afterEach, describe, expect, it } from "@jest/globals";
import { gh } from "../helpers/github.js";
import { commentPayload } from "../helpers/payloads.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { postWebhook, startTestServer, type RunningServer } from "../helpers/server.js";

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.shutdown();
  running = undefined;
});

describe("the webhook server", () => {
  it("answers /healthz with the queue state", async () => {
    running = await startTestServer();
    const response = await fetch(`${running.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", queue: { running: 0, waiting: 0, seen: 0 } });
    expect((await fetch(`${running.url}/nope`)).status).toBe(404);
  });

  it("acknowledges a signed delivery at once and does the work afterwards", async () => {
    running = await startTestServer();
    let posted = "";
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(492700400)
      .comments(1)
      .createComment(1, (b) => (posted = b));
    const response = await postWebhook(
      running.url,
      "issue_comment",
      JSON.stringify(commentPayload("/agent help")),
      "http-1",
    );
    expect(response.status).toBe(200);
    await running.runtime.queue.idle();
    expect(posted).toContain("devops-agent commands");
  });

  it("rejects a bad signature and survives a truncated body", async () => {
    running = await startTestServer();
    const body = JSON.stringify(commentPayload("/agent help"));
    const forged = await postWebhook(running.url, "issue_comment", body, "bad-sig", "sha256=00");
    expect(forged.status).toBeGreaterThanOrEqual(400);
    const truncated = body.slice(0, 200);
    const cut = await postWebhook(running.url, "issue_comment", truncated, "cut-1");
    expect(cut.status).toBeGreaterThanOrEqual(400);
    expect(await running.runtime.queue.stats()).toEqual({ running: 0, waiting: 0, seen: 0 });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it("drains in-flight jobs on shutdown before closing", async () => {
    running = await startTestServer();
    let posted = "";
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(492700400)
      .comments(1)
      .scope.post("/repos/Codertocat/Hello-World/issues/1/comments")
      .delay(300)
      .reply(201, (_uri, body) => {
        posted = (body as { body: string }).body;
        return { id: 1, html_url: "https://github.com/x", body: posted };
      });
    await postWebhook(running.url, "issue_comment", JSON.stringify(commentPayload("/agent help")), "drain-1");
    const result = await running.shutdown();
    running = undefined;
    expect(result).toEqual({ finished: true, abandoned: 0 });
    expect(posted).toContain("devops-agent commands");
  });
});

describe("the webhook server with jobs on a worker thread", () => {
  it("acknowledges the delivery and the worker answers on GitHub", async () => {
    const posted: string[] = [];
    const github = await startFakeGitHub((req) => {
      if (req.path.includes("/contents/")) return { status: 404, body: { message: "Not Found" } };
      if (req.path.includes("/permission"))
        return { status: 200, body: { permission: "write", role_name: "write" } };
      if (req.method === "GET") return { status: 200, body: [] };
      if (req.path.endsWith("/issues/1/comments")) posted.push((req.body as { body: string }).body);
      return { status: 201, body: { id: 3, html_url: "https://github.com/x", body: "" } };
    });
    try {
      running = await startTestServer({ worker: true, baseUrl: github.url });
      const body = JSON.stringify(commentPayload("/agent help"));
      expect((await postWebhook(running.url, "issue_comment", body, "worker-1")).status).toBe(200);
      await running.runtime.queue.idle();
      expect(posted).toHaveLength(1);
      expect(posted[0]).toContain("devops-agent commands");
      expect(github.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
        "GET /repos/Codertocat/Hello-World/contents/.github%2Fdevops-agent.yml",
        "GET /repos/Codertocat/Hello-World/collaborators/Codertocat/permission",
        "POST /repos/Codertocat/Hello-World/issues/comments/492700400/reactions",
        "GET /repos/Codertocat/Hello-World/issues/1/comments",
        "POST /repos/Codertocat/Hello-World/issues/1/comments",
      ]);
      expect(github.violations).toEqual([]);
    } finally {
      await running?.shutdown();
      running = undefined;
      await github.close();
    }
  });
});
