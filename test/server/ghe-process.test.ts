// Black box: the real server process (`node dist/server.js`, as `npm start` runs it) against a GitHub
// Enterprise Server stand-in on loopback, reached only through GHE_HOST/GHE_PROTOCOL. Signed deliveries go
// over HTTP; the assertions are on what reached the stand-in.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import {
  appPrivateKey,
  buildAppForTest,
  startServerProcess,
  waitFor,
  type ServerProcess,
} from "../helpers/app-process.js";
import { startGitHubStandIn, type GitHubStandIn } from "../helpers/github-standin.js";
import { commentPayload, patchPayload } from "../helpers/payloads.js";
import { sign } from "../helpers/server.js";

const SECRET = "ghe-webhook-secret";
const HELP_MARKER = "<!-- devops-agent:help:1 -->";
// Payload URLs in logs may name api.github.com; a request to it, or a failed lookup of it, may not.
const NEVER_GITHUB_COM = /GitHub request: \w+ https:\/\/api\.github\.com|ENOTFOUND/;

let build: Awaited<ReturnType<typeof buildAppForTest>>;
const key = appPrivateKey();

beforeAll(async () => {
  build = await buildAppForTest();
}, 60_000);
afterAll(async () => build.remove());

async function start(mode: "worker" | "inline") {
  const github = await startGitHubStandIn({
    permissions: { Codertocat: "admin", reader: "read" },
  });
  const server = await startServerProcess(build.dir, {
    APP_ID: "1",
    PRIVATE_KEY: key,
    WEBHOOK_SECRET: SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: "http",
    JOB_EXECUTION: mode,
    DOCS_LIVE: "false",
    LOG_LEVEL: "debug",
  });
  return { github, server };
}

function deliver(server: ServerProcess, id: string, payload: object, signature?: string) {
  const body = JSON.stringify(payload);
  return fetch(`${server.url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issue_comment",
      "x-github-delivery": id,
      "x-hub-signature-256": signature ?? sign(body, SECRET),
    },
    body,
  });
}

/** A comment on issue 1 with its own comment id. */
function comment(body: string, id: number, sender = "Codertocat") {
  return patchPayload(commentPayload(body, { sender }), { comment: { id } });
}

/** What changed on GitHub: every request except reads and the token exchange. */
function writes(github: GitHubStandIn, from = 0) {
  return github.requests
    .slice(from)
    .filter((r) => r.method !== "GET" && !r.path.endsWith("/access_tokens"))
    .map((r) => `${r.method} ${r.path}`);
}

describe("the server process against a GitHub Enterprise Server stand-in (GHE_HOST, GHE_PROTOCOL=http)", () => {
  let worker: Awaited<ReturnType<typeof start>>;
  let inline: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    [worker, inline] = await Promise.all([start("worker"), start("inline")]);
  }, 30_000);
  afterAll(async () => {
    for (const run of [worker, inline]) {
      if (process.env.SHOW_SERVER_OUTPUT) console.log(run?.server.output());
      await run?.server.stop();
      await run?.github.close();
    }
  });

  it("worker mode: help, redelivery, second help, reader, bad signature, code fence — exactly these calls", async () => {
    const { github, server } = worker;
    const repo = "/repos/Codertocat/Hello-World";

    // 1. /agent help → one 👀 reaction and one sticky comment carrying its marker.
    expect((await deliver(server, "d-1", comment("/agent help", 11))).status).toBe(200);
    await waitFor("the help comment", () => github.comments().length === 1);
    expect(writes(github)).toEqual([
      `POST ${repo}/issues/comments/11/reactions`,
      `POST ${repo}/issues/1/comments`,
    ]);
    const [help] = github.comments();
    expect(help?.body).toContain(HELP_MARKER);
    expect(help?.body).toContain("devops-agent commands");
    let seen = github.requests.length;

    // 2. The same delivery again, a forged signature, and /agent inside a code fence: nothing reaches GitHub.
    expect((await deliver(server, "d-1", comment("/agent help", 11))).status).toBeLessThan(300);
    const forged = await deliver(server, "d-forged", comment("/agent help", 12), `sha256=${"0".repeat(64)}`);
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    const fenced = comment("Try this:\n```\n/agent help\n```", 13);
    expect((await deliver(server, "d-fence", fenced)).status).toBe(200);

    // 3. A second /agent help after the config changed → the same comment edited, no new one.
    github.state.config = "access:\n  minimumPermission: maintain\n";
    expect((await deliver(server, "d-2", comment("/agent help", 14))).status).toBe(200);
    await waitFor("the help comment edit", () => writes(github, seen).some((w) => w.startsWith("PATCH")));
    expect(writes(github, seen)).toEqual([
      `POST ${repo}/issues/comments/14/reactions`,
      `PATCH ${repo}/issues/comments/${help?.id}`,
    ]);
    expect(github.comments()).toHaveLength(1);
    expect(github.comments()[0]?.body).toContain("`maintain` access");
    seen = github.requests.length;

    // 4. A reader asks twice → one refusal comment, never two, and no reaction.
    expect((await deliver(server, "d-3", comment("/agent help", 15, "reader"))).status).toBe(200);
    await waitFor("the refusal", () => github.comments().length === 2);
    expect(writes(github, seen)).toEqual([`POST ${repo}/issues/1/comments`]);
    expect(github.comments()[1]?.body).toMatch(/reader/);
    seen = github.requests.length;
    expect((await deliver(server, "d-4", comment("/agent help again", 16, "reader"))).status).toBe(200);
    await waitFor("the second permission check", () =>
      github.requests.slice(seen).some((r) => r.path.endsWith("/reader/permission")),
    );
    await waitFor("the refusal lookup", () =>
      github.requests.slice(seen).some((r) => r.method === "GET" && r.path.endsWith("/issues/1/comments")),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writes(github, seen)).toEqual([]);
    expect(github.comments()).toHaveLength(2);

    // Every call went to the stand-in's /api/v3, as GitHub documents it, with the installation token.
    expect(github.violations).toEqual([]);
    const apiCalls = github.requests.filter((r) => !r.path.startsWith("/app"));
    expect(apiCalls.every((r) => r.authorization === `token ${github.state.token}`)).toBe(true);
    // The forged delivery's comment (12) and the fenced one (13) never reached GitHub.
    expect(github.requests.some((r) => /\/comments\/1[23]\//.test(r.path))).toBe(false);
    expect(server.output()).not.toContain(github.state.token);
    expect(server.output()).not.toMatch(NEVER_GITHUB_COM);
  }, 40_000);

  it("inline mode: /agent help reaches the stand-in, never api.github.com", async () => {
    const { github, server } = inline;
    expect((await deliver(server, "i-1", comment("/agent help", 21))).status).toBe(200);
    await waitFor("the help comment", () => github.comments().length === 1);
    expect(writes(github)).toEqual([
      "POST /repos/Codertocat/Hello-World/issues/comments/21/reactions",
      "POST /repos/Codertocat/Hello-World/issues/1/comments",
    ]);
    expect(github.comments()[0]?.body).toContain(HELP_MARKER);
    expect(github.violations).toEqual([]);
    expect(server.output()).not.toContain(github.state.token);
    expect(server.output()).not.toMatch(NEVER_GITHUB_COM);
  }, 20_000);
});
