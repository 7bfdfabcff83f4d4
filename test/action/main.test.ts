import { afterEach, describe, expect, it } from "@jest/globals";
import { githubApi } from "../helpers/github-openapi.js";
import { Runner, output } from "./harness.js";
import {
  ROLE,
  expectNoSecrets,
  expectPost,
  inputs,
  noComments,
  oidc,
  posted,
  prEvent,
  sts,
  viewer,
} from "./mocks.js";
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN } from "./sts-xml.js";

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

describe("the plan Action", () => {
  it("plans a root with changes: masks first, runs terraform with argument arrays, comments once", async () => {
    runner = new Runner(inputs, prEvent).root("prod", { plan: { code: 2 }, show: "all-actions.json" });
    oidc();
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    const masks = run.stdout.filter((line) => line.startsWith("::add-mask::"));
    expect(masks.slice(-3)).toEqual([
      `::add-mask::${ACCESS_KEY_ID}`,
      `::add-mask::${SECRET_ACCESS_KEY}`,
      `::add-mask::${SESSION_TOKEN}`,
    ]);
    // The three credential masks are registered together, before the first line that follows STS.
    const keyMask = run.stdout.indexOf(`::add-mask::${ACCESS_KEY_ID}`);
    expect(run.stdout.slice(keyMask, keyMask + 3)).toEqual(masks.slice(-3));
    expect(run.stdout.slice(0, keyMask).join("\n")).not.toMatch(/ASIA|assumed/);
    expect(run.stdout[keyMask + 3]).toBe(`assumed ${ROLE} in account 123456789012 as devops-agent-infra-42`);
    const planFile = `${runner.dir}/tmp/devops-agent-plan/prod.tfplan`;
    expect(run.calls).toEqual([
      "prod: init -input=false",
      `prod: plan -input=false -no-color -detailed-exitcode -out=${planFile}`,
      `prod: show -json ${planFile}`,
    ]);
    expect(run.terraformEnv).toEqual(["AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID"]);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.split("\n")[0]).toBe("<!-- devops-agent:plan:prod -->");
    expect(posted[0]).toContain("> [!CAUTION]");
    expect(run.summary).toContain("**Plan: 2 to import, 4 to add, 2 to change, 4 to destroy, 2 to forget.**");
    expect(output(run.outputs, "create")).toBe("2");
    expect(output(run.outputs, "replace")).toBe("2");
    expect(output(run.outputs, "has-changes")).toBe("true");
    expect(output(run.outputs, "has-destroy")).toBe("true");
    expect(output(run.outputs, "plan-json")).toBe(`${runner.dir}/tmp/devops-agent-plan/prod.plan.json`);
    expect(output(run.outputs, "comment-url")).toBe("https://github.com/acme/infra/pull/7#issuecomment-901");
    // Terraform got the credentials directly; later steps get nothing unless export-credentials asks.
    expect(run.exported).toBe("");
    expectNoSecrets(run);
  });

  it("reports no changes, and still comments with comment: always", async () => {
    runner = new Runner(inputs, prEvent).root("prod", { plan: { code: 0 }, show: "no-changes.json" });
    oidc();
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(posted[0]).toContain("**No changes. Your infrastructure matches the configuration.**");
    expect(output(run.outputs, "has-changes")).toBe("false");
    expect(output(run.outputs, "has-destroy")).toBe("false");
    expect(output(run.outputs, "noop")).toBe("1");
    expectNoSecrets(run);
  });

  it("creates no comment for no changes with comment: on-change", async () => {
    runner = new Runner({ ...inputs, comment: "on-change" }, prEvent).root("prod", {
      show: "no-changes.json",
    });
    oidc();
    sts();
    noComments();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(output(run.outputs, "comment-url")).toBe("");
    expect(run.summary).toContain("No changes.");
  });

  it("refreshes an existing comment with comment: on-change even when the plan is now quiet", async () => {
    runner = new Runner({ ...inputs, comment: "on-change" }, prEvent).root("prod", {
      show: "no-changes.json",
    });
    oidc();
    sts();
    viewer();
    githubApi()
      .get("/repos/acme/infra/issues/7/comments")
      .query({ per_page: "100" })
      .reply(200, [
        {
          id: 77,
          html_url: "https://github.com/acme/infra/pull/7#issuecomment-77",
          body: "<!-- devops-agent:plan:prod -->\nPlan: 1 to add",
          user: { login: "github-actions[bot]", type: "Bot" },
        },
      ]);
    githubApi()
      .patch("/repos/acme/infra/issues/comments/77", (body: { body: string }) => {
        posted.push(body.body);
        return true;
      })
      .reply(200, {
        id: 77,
        html_url: "https://github.com/acme/infra/pull/7#issuecomment-77",
        body: "x",
        user: { login: "github-actions[bot]", type: "Bot" },
      });
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(posted[0]).toContain("No changes.");
    expect(output(run.outputs, "comment-url")).toBe("https://github.com/acme/infra/pull/7#issuecomment-77");
  });

  it("fails the step on a destroy with fail-on-delete, after commenting", async () => {
    runner = new Runner({ ...inputs, "fail-on-delete": "true" }, prEvent).root("prod", {
      plan: { code: 2 },
      show: "format-0.1.json",
    });
    oidc();
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(posted[0]).toContain("> [!CAUTION]");
    expect(run.stdout).toContain("::error::the plan destroys or replaces resources in prod (fail-on-delete)");
    expectNoSecrets(run);
  });

  it("comments the redacted, bounded error lines when init fails, and fails the step", async () => {
    const err = `${"noise\n".repeat(200)}Error: Failed to get existing workspaces: AccessDenied\n  with key AKIAIOSFODNN7EXAMPLE\n`;
    runner = new Runner(inputs, prEvent).root("prod", { init: { code: 1, err } });
    oidc();
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.calls).toEqual(["prod: init -input=false"]);
    expect(posted[0]?.split("\n").slice(0, 5)).toEqual([
      "<!-- devops-agent:plan:prod -->",
      "## ❌ Terraform plan failed: <code>prod</code>",
      "",
      "`terraform init` exited with 1:",
      "",
    ]);
    expect(posted[0]).toContain(
      "Error: Failed to get existing workspaces: AccessDenied\n  with key [REDACTED]",
    );
    expect(posted[0]?.split("\n").filter((l) => l === "noise").length).toBe(58);
    expect(run.stdout).toContain("::error::terraform failed in prod (init)");
    expect(output(run.outputs, "failed-roots")).toBe("prod");
    expectNoSecrets(run);
  });

  it("plans two roots one after another, each with its own comment", async () => {
    runner = new Runner({ ...inputs, "working-directory": "network\napp" }, prEvent)
      .root("network", { plan: { code: 2 }, show: "sensitive-unknown.json" })
      .root("app", { plan: { code: 2 }, show: "drift-deferred.json" });
    oidc();
    sts();
    noComments();
    expectPost();
    noComments(false); // the token's identity is asked once per run
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(run.calls.map((c) => c.split(" ").slice(0, 2).join(" "))).toEqual([
      "network: init",
      "network: plan",
      "network: show",
      "app: init",
      "app: plan",
      "app: show",
    ]);
    expect(posted.map((body) => body.split("\n")[0])).toEqual([
      "<!-- devops-agent:plan:network -->",
      "<!-- devops-agent:plan:app -->",
    ]);
    expect(output(run.outputs, "update")).toBe("3");
    expect(output(run.outputs, "plan-json")?.split("\n")).toHaveLength(2);
    expectNoSecrets(run);
  });

  it("updates the existing comment found on a later page instead of adding another", async () => {
    runner = new Runner(
      { ...inputs, "working-directory": "prod" },
      {
        name: "workflow_dispatch",
        payload: { repository: { full_name: "acme/infra" }, inputs: { pr: "7" } },
      },
    ).root("prod", { plan: { code: 2 }, show: "sensitive-unknown.json" });
    oidc();
    sts();
    const others = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      html_url: `https://github.com/acme/infra/pull/7#issuecomment-${i + 1}`,
      body: i === 3 ? "<!-- devops-agent:plan:prod -->\nquoted by a human" : `comment ${i}`,
      user: { login: "alice", type: "User" },
    }));
    viewer();
    githubApi().get("/repos/acme/infra/issues/7/comments").query({ per_page: "100" }).reply(200, others, {
      link: '<https://api.github.com/repos/acme/infra/issues/7/comments?per_page=100&page=2>; rel="next"',
    });
    githubApi()
      .get("/repos/acme/infra/issues/7/comments")
      .query({ per_page: "100", page: "2" })
      .reply(200, [
        {
          id: 555,
          html_url: "https://github.com/acme/infra/pull/7#issuecomment-555",
          body: "<!-- devops-agent:plan:prod -->\nold plan",
          user: { login: "github-actions[bot]", type: "Bot" },
        },
      ]);
    githubApi()
      .patch("/repos/acme/infra/issues/comments/555", (body: { body: string }) => {
        posted.push(body.body);
        return true;
      })
      .reply(200, {
        id: 555,
        html_url: "https://github.com/acme/infra/pull/7#issuecomment-555",
        body: "x",
        user: { login: "github-actions[bot]", type: "Bot" },
      });
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(posted).toHaveLength(1);
    expect(output(run.outputs, "comment-url")).toBe("https://github.com/acme/infra/pull/7#issuecomment-555");
    expectNoSecrets(run);
  });
});
