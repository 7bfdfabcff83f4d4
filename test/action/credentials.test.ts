import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { Runner } from "./harness.js";
import {
  ROLE,
  STS,
  expectNoSecrets,
  expectPost,
  inputs,
  noComments,
  oidc,
  posted,
  prEvent,
  sts,
  stsAction,
} from "./mocks.js";
import { assumeRoleXml, callerIdentityXml, stsErrorXml } from "./sts-xml.js";

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

describe("the plan Action's credentials and guards", () => {
  it("retries throttled STS calls with full-jitter backoff and recovers", async () => {
    runner = new Runner(inputs, prEvent).root("prod", { plan: { code: 2 }, show: "sensitive-unknown.json" });
    oidc();
    nock(STS)
      .post("/", stsAction("AssumeRoleWithWebIdentity"))
      .times(2)
      .reply(400, stsErrorXml("Throttling", "Rate exceeded"), { "content-type": "text/xml" });
    nock(STS)
      .post("/", stsAction("AssumeRoleWithWebIdentity"))
      .reply(400, stsErrorXml("IDPCommunicationError", "Couldn't retrieve verification key"), {
        "content-type": "text/xml",
      });
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    // random() = 0.5: half of 1 s, 2 s, 4 s.
    expect(run.sleeps).toEqual([500, 1000, 2000]);
    expect(run.stdout).toContain(`assume role ${ROLE}: Throttling; retry 1 in 500 ms`);
    expectNoSecrets(run);
  });

  it("retries a 5xx, a dropped connection and a throttled GetCallerIdentity, then recovers", async () => {
    runner = new Runner(inputs, prEvent).root("prod", { plan: { code: 2 }, show: "sensitive-unknown.json" });
    oidc();
    nock(STS)
      .post("/", stsAction("AssumeRoleWithWebIdentity"))
      .reply(503, "<html><body>Service Unavailable</body></html>", { "content-type": "text/html" });
    nock(STS)
      .post("/", stsAction("AssumeRoleWithWebIdentity"))
      .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    nock(STS)
      .post("/", stsAction("AssumeRoleWithWebIdentity"))
      .reply(200, assumeRoleXml(), { "content-type": "text/xml" });
    nock(STS)
      .post("/", stsAction("GetCallerIdentity"))
      .reply(400, stsErrorXml("Throttling", "Rate exceeded"), { "content-type": "text/xml" });
    nock(STS)
      .post("/", stsAction("GetCallerIdentity"))
      .reply(200, callerIdentityXml("123456789012"), { "content-type": "text/xml" });
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(run.sleeps).toEqual([500, 1000, 500]);
    expect(run.stdout).toContain(`assume role ${ROLE}: NetworkError; retry 2 in 1000 ms`);
    expect(run.stdout).toContain("get caller identity: Throttling; retry 1 in 500 ms");
    expectNoSecrets(run);
  });

  it("never retries a validation error", async () => {
    runner = new Runner(inputs, prEvent).root("prod", {});
    oidc();
    nock(STS)
      .post("/", stsAction("AssumeRoleWithWebIdentity"))
      .reply(400, stsErrorXml("ValidationError", "1 validation error detected: RoleSessionName"), {
        "content-type": "text/xml",
      });
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.sleeps).toEqual([]);
  });

  it("fails fast on AccessDenied, naming the trust policy conditions and the token's sub", async () => {
    runner = new Runner(inputs, prEvent).root("prod", {});
    oidc();
    nock(STS)
      .post("/", stsAction("AssumeRoleWithWebIdentity"))
      .reply(403, stsErrorXml("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"), {
        "content-type": "text/xml",
      });
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.sleeps).toEqual([]);
    expect(run.calls).toEqual([]);
    expect(run.stdout).toContain(
      `::error::assume role ${ROLE}: AccessDenied — the role's trust policy rejected this job's token. ` +
        'Check its conditions: token.actions.githubusercontent.com:aud must be "sts.amazonaws.com" and ' +
        'token.actions.githubusercontent.com:sub must match this token\'s sub "repo:acme/infra:pull_request".',
    );
    expect(run.exported).toBe("");
  });

  it("says which permission to add when the job cannot request an OIDC token", async () => {
    runner = new Runner(inputs, prEvent, {
      ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
    });
    delete runner.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    delete runner.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.stdout).toContain(
      "::error::this job cannot request a GitHub OIDC token: add `permissions: { id-token: write, contents: read, pull-requests: write }` to the job (or workflow)",
    );
  });

  it("refuses credentials from an account not in allowed-account-ids, before terraform runs", async () => {
    runner = new Runner(inputs, prEvent).root("prod", { show: "no-changes.json" });
    oidc();
    sts("999999999999");
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.calls).toEqual([]);
    expect(run.exported).toBe("");
    expect(run.stdout).toContain(
      `::error::the role ${ROLE} is in account 999999999999, which is not in allowed-account-ids (123456789012); refusing to plan against it`,
    );
    expectNoSecrets(run);
  });

  it("refuses a fork's head under pull_request_target without requesting a token", async () => {
    const fork = {
      name: "pull_request_target",
      payload: {
        repository: { full_name: "acme/infra" },
        pull_request: { number: 7, head: { repo: { full_name: "mallory/infra" } } },
      },
    };
    runner = new Runner(inputs, fork).root("prod", {});
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.calls).toEqual([]);
    const error = run.stdout.find((line) => line.startsWith("::error::")) ?? "";
    expect(error).toContain("refusing to assume the role: the plan Action runs only on pull_request");
    expect(error).toContain("not on pull_request_target");
  });

  it("honours AWS_ENDPOINT_URL_STS for private endpoints", async () => {
    runner = new Runner(inputs, prEvent, { AWS_ENDPOINT_URL_STS: "https://sts.vpce.example" }).root("prod", {
      show: "no-changes.json",
    });
    oidc();
    sts("123456789012", "https://sts.vpce.example");
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
  });

  it("names the input that is wrong", async () => {
    runner = new Runner({ ...inputs, "role-session-name": "x" }, prEvent);
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.stdout).toContain(
      "::error::input role-session-name: expected 2-64 characters of letters, digits and +=,.@_-",
    );
  });
});
