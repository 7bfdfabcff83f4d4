// Mocks for the Action's HTTP peers: the runner's OIDC endpoint, STS (XML) and GitHub (OpenAPI-checked).
import { expect } from "@jest/globals";
import nock from "nock";
import { githubApi } from "../helpers/github-openapi.js";
import { ID_TOKEN, OIDC_URL, type Run } from "./harness.js";
import {
  ACCESS_KEY_ID,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  assumeRoleXml,
  callerIdentityXml,
} from "./sts-xml.js";

export const STS = "https://sts.us-east-1.amazonaws.com";
export const ROLE = "arn:aws:iam::123456789012:role/plan";
export const inputs = {
  "role-to-assume": ROLE,
  "aws-region": "us-east-1",
  "github-token": "ghs_0123456789abcdefghijklmnopqrstuvwxyzAB",
  "working-directory": "prod",
  "allowed-account-ids": "123456789012",
  // Pricing has its own tests (cost.test.ts); the others make no Price List API calls.
  cost: "false",
};
export const prEvent = {
  name: "pull_request",
  payload: {
    repository: { full_name: "acme/infra" },
    pull_request: { number: 7, head: { repo: { full_name: "acme/infra" } } },
  },
};

export const stsAction = (action: string) => (body: unknown) =>
  (typeof body === "string"
    ? new URLSearchParams(body).get("Action")
    : (body as Record<string, string>).Action) === action;

export function oidc(): void {
  nock(OIDC_URL)
    .get("/idtoken")
    .query({ "api-version": "2.0", audience: "sts.amazonaws.com" })
    .matchHeader("authorization", "Bearer runner-request-token-abcdef")
    .reply(200, { value: ID_TOKEN });
}

export function sts(account = "123456789012", host = STS): void {
  nock(host)
    .post("/", stsAction("AssumeRoleWithWebIdentity"))
    .reply(200, assumeRoleXml(), { "content-type": "text/xml" });
  nock(host)
    .post("/", stsAction("GetCallerIdentity"))
    .reply(200, callerIdentityXml(account), { "content-type": "text/xml" });
}

/** The token's identity as GraphQL's `viewer` reports it: the job's GITHUB_TOKEN is github-actions[bot]. */
export function viewer(login = "github-actions[bot]"): void {
  githubApi()
    .post("/graphql", { query: "query { viewer { login } }" })
    .reply(200, { data: { viewer: { login } } });
}

/** A pull request with no comments yet (and the identity lookup that precedes the search). */
export function noComments(askIdentity = true): ReturnType<typeof githubApi> {
  if (askIdentity) viewer();
  return githubApi().get("/repos/acme/infra/issues/7/comments").query({ per_page: "100" }).reply(200, []);
}

/** Comment bodies the Action sent, in order. */
export const posted: string[] = [];
export function expectPost(): void {
  githubApi()
    .post("/repos/acme/infra/issues/7/comments", (body: { body: string }) => {
      posted.push(body.body);
      return true;
    })
    .reply(201, {
      id: 901,
      html_url: "https://github.com/acme/infra/pull/7#issuecomment-901",
      body: "x",
      user: { login: "github-actions[bot]", type: "Bot" },
    });
}

/** No credential value anywhere a user or log could see it (mask commands excepted: they register the mask). */
export function expectNoSecrets(run: Run): void {
  const visible = [
    ...run.stdout.filter((line) => !line.startsWith("::add-mask::")),
    run.outputs,
    run.summary,
    ...posted,
  ].join("\n");
  for (const secret of [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, ID_TOKEN, inputs["github-token"]]) {
    expect(visible).not.toContain(secret);
  }
}
