import { chmod, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it, describe } from "@jest/globals";
import { createSandbox } from "../../../src/adapters/sandbox/index.js";
import { LIMITS, sandboxOrSkip, scratch } from "./support.js";

const { sandbox, describeIf } = await sandboxOrSkip("test/adapters/sandbox/bubblewrap.test.ts");

describeIf("bubblewrap sandbox", () => {
  let ws = { dir: "", remove: async () => {} };
  beforeAll(async () => {
    ws = await scratch("sandbox-");
  });
  afterAll(() => ws.remove());

  it("runs a command in the workspace, returns its exit code and output, and keeps the owner", async () => {
    const owner = (await stat(ws.dir)).uid;
    const result = await sandbox.runIsolated(
      ["sh", "-c", "pwd; echo made > out.txt; echo oops >&2; exit 3"],
      {
        workspace: ws.dir,
        network: "none",
        limits: LIMITS,
      },
    );
    expect(result).toMatchObject({
      status: "ran",
      exitCode: 3,
      stdout: "/workspace\n",
      stderr: "oops\n",
      timedOut: false,
      killed: false,
      truncated: false,
    });
    expect(await readFile(join(ws.dir, "out.txt"), "utf8")).toBe("made\n");
    expect((await stat(join(ws.dir, "out.txt"))).uid).toBe(owner);
  });

  it("gives the command a clean environment plus only what the caller passes", async () => {
    const result = await sandbox.runIsolated(["sh", "-c", "env | sort"], {
      workspace: ws.dir,
      network: "none",
      limits: LIMITS,
      env: { CHECKPOINT_DISABLE: "1" },
    });
    expect(result.status === "ran" && result.stdout.split("\n").filter(Boolean).sort()).toEqual(
      [
        "CHECKPOINT_DISABLE=1",
        "HOME=/tmp",
        "LANG=C.UTF-8",
        "PATH=/usr/local/bin:/usr/bin:/bin",
        "PWD=/workspace",
        "TMPDIR=/tmp",
      ].sort(),
    );
  });

  it("shows host directories the caller names read-only, at the same path", async () => {
    const shared = await scratch("sandbox-ro-");
    await writeFile(join(shared.dir, "mirror.txt"), "provider");
    await chmod(shared.dir, 0o755); // like /opt/tf-plugins: readable by the unprivileged sandbox user
    const result = await sandbox.runIsolated(
      ["sh", "-c", `cat ${shared.dir}/mirror.txt; echo x > ${shared.dir}/new.txt`],
      { workspace: ws.dir, network: "none", limits: LIMITS, readOnly: [shared.dir] },
    );
    expect(result).toMatchObject({ status: "ran", stdout: "provider" });
    expect(result.status === "ran" && result.stderr).toMatch(/Read-only file system/);
    await expect(stat(join(shared.dir, "new.txt"))).rejects.toThrow();
    await shared.remove();
  });

  it("keeps only the first bytes of a flood of output and says it cut", async () => {
    const result = await sandbox.runIsolated(["sh", "-c", "yes | head -c 5000000"], {
      workspace: ws.dir,
      network: "none",
      limits: LIMITS,
      outputBytes: 1000,
    });
    expect(result).toMatchObject({ status: "ran", exitCode: 0, truncated: true });
    expect(result.status === "ran" && result.stdout.length).toBe(1000);
  });

  it("refuses a workspace that is not an absolute directory, or a cwd that leaves it", async () => {
    const base = { network: "none" as const, limits: LIMITS };
    expect(await sandbox.runIsolated(["true"], { ...base, workspace: "relative" })).toEqual({
      status: "unavailable",
      reason: "workspace must be an absolute path: relative",
    });
    expect(await sandbox.runIsolated(["true"], { ...base, workspace: ws.dir, cwd: "../.." })).toMatchObject({
      status: "unavailable",
    });
    expect(await sandbox.runIsolated([], { ...base, workspace: ws.dir })).toMatchObject({
      status: "unavailable",
    });
  });
});

describe("sandbox without bubblewrap", () => {
  it("answers unavailable with the reason instead of running the command bare", async () => {
    const missing = createSandbox({ bwrapPath: "/nonexistent/bwrap" });
    const ready = await missing.describe();
    expect(ready).toMatchObject({
      ok: false,
      reason: expect.stringContaining("bwrap (bubblewrap) is not installed"),
    });
    const result = await missing.runIsolated(["sh", "-c", "echo ran > /tmp/should-not-exist"], {
      workspace: "/tmp",
      network: "none",
      limits: LIMITS,
    });
    expect(result).toEqual({ status: "unavailable", reason: expect.stringContaining("not installed") });
  });
});
