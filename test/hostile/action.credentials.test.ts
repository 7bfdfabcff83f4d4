// The plan Action, run as a runner runs it: AWS credentials reach terraform directly and reach later steps
// of the job only when `export-credentials: true` asks for it.
import { afterEach, describe, expect, it } from "@jest/globals";
import { Runner } from "../action/harness.js";
import {
  expectNoSecrets,
  expectPost,
  inputs,
  noComments,
  oidc,
  posted,
  prEvent,
  sts,
} from "../action/mocks.js";
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN } from "../action/sts-xml.js";

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

async function planWith(extra: Record<string, string>) {
  runner = new Runner({ ...inputs, ...extra }, prEvent).root("prod", {
    plan: { code: 0 },
    show: "no-changes.json",
  });
  oidc();
  sts();
  noComments();
  expectPost();
  return runner.run();
}

describe("credentials stay with terraform", () => {
  it("writes nothing to GITHUB_ENV by default, yet terraform received the credentials", async () => {
    const run = await planWith({});
    expect(run.ok).toBe(true);
    expect(run.exported).toBe("");
    expect(run.terraformEnv).toEqual(["AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID"]);
    expectNoSecrets(run);
  });

  it("leaves no exported-variables state for the post step to trust", async () => {
    await planWith({});
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(`${runner?.dir ?? ""}/state`, "utf8")).not.toContain("AWS_");
  });

  it("exports only when export-credentials is exactly true, and says so", async () => {
    const run = await planWith({ "export-credentials": "true" });
    expect(run.ok).toBe(true);
    for (const value of [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN])
      expect(run.exported).toContain(value);
    expect(run.stdout).toContain(
      "exported the AWS credentials to later steps of this job (export-credentials: true)",
    );
  });

  it("rejects a truthy-looking export-credentials (yes, 1, TRUE) instead of guessing", async () => {
    for (const value of ["yes", "1", "TRUE"]) {
      runner?.cleanup();
      runner = new Runner({ ...inputs, "export-credentials": value }, prEvent).root("prod", {});
      const run = await runner.run();
      expect(run.ok).toBe(false);
      expect(run.exported).toBe("");
      expect(run.stdout).toContain('::error::input export-credentials: expected "true" or "false"');
    }
  });
});
