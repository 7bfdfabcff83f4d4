import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { Runner, output } from "./harness.js";
import { expectNoSecrets, expectPost, inputs, noComments, oidc, posted, prEvent, sts } from "./mocks.js";

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

describe("the plan Action with OpenTofu (terraform-binary)", () => {
  it("runs tofu from PATH for init, plan and show, and summarizes its plan as OpenTofu's", async () => {
    runner = new Runner({ ...inputs, "terraform-binary": "tofu" }, prEvent).root("prod", {
      plan: { code: 2 },
      show: "opentofu-1.8.json",
    });
    runner.program("tofu");
    oidc();
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(run.programs).toEqual(["tofu", "tofu", "tofu"]);
    const planFile = `${runner.dir}/tmp/devops-agent-plan/prod.tfplan`;
    expect(run.calls).toEqual([
      "prod: init -input=false",
      `prod: plan -input=false -no-color -detailed-exitcode -out=${planFile}`,
      `prod: show -json ${planFile}`,
    ]);
    expect(run.stdout).toContain("prod: tofu init");
    expect(run.stdout).toContain("prod: tofu plan");
    expect(posted[0]).toContain("<code>aws_kms_key.main</code>");
    expect(posted[0]).toContain("OpenTofu 1.8.5 · plan format 1.2");
    expect(run.summary).toContain("OpenTofu 1.8.5");
    expect(output(run.outputs, "create")).toBe("1");
    expect(output(run.outputs, "has-changes")).toBe("true");
    expectNoSecrets(run);
  });

  it("runs a tofu installed in the runner's tool cache, by its absolute path (symlinks resolved)", async () => {
    runner = new Runner(inputs, prEvent);
    const cache = join(runner.dir, "toolcache");
    const installed = runner.program("tofu", join(cache, "tofu", "1.8.5", "x64"));
    symlinkSync(installed, join(cache, "current-tofu"));
    // The input names the link; the tool cache's location comes from the runner, as on GitHub's runners.
    Object.assign(runner.env, {
      "INPUT_TERRAFORM-BINARY": join(cache, "current-tofu"),
      RUNNER_TOOL_CACHE: cache,
    });
    runner.root("prod", { plan: { code: 0 }, show: "no-changes.json" });
    oidc();
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(run.programs).toEqual(["tofu", "tofu", "tofu"]);
    expect(output(run.outputs, "has-changes")).toBe("false");
  });

  it("names tofu in the failure comment and the step's error when tofu init fails", async () => {
    runner = new Runner({ ...inputs, "terraform-binary": "tofu" }, prEvent).root("prod", {
      init: { code: 1, err: "Error: Failed to query available provider packages" },
    });
    runner.program("tofu");
    oidc();
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.programs).toEqual(["tofu"]);
    expect(posted[0]?.split("\n").slice(1, 4)).toEqual([
      "## ❌ OpenTofu plan failed: <code>prod</code>",
      "",
      "`tofu init` exited with 1:",
    ]);
    expect(run.stdout).toContain("::error::tofu failed in prod (init)");
  });
});
