import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { LIMITS, sandboxOrSkip, scratch } from "../adapters/sandbox/support.js";

const { sandbox, describeIf } = await sandboxOrSkip("test/hostile/exhaustion.sandbox.test.ts");

// Each case is a hostile command run the way the agent runs untrusted repository code; the assertion is
// the safe outcome on the host, not what the command printed about itself.
describeIf("hostile commands in the sandbox are contained", () => {
  let ws = { dir: "", remove: async () => {} };
  let outside = { dir: "", remove: async () => {} };
  let server: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    ws = await scratch("evil-ws-");
    outside = await scratch("evil-outside-");
    server = createServer((socket) => {
      connections += 1;
      socket.end("hello");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    server.close();
    await ws.remove();
    await outside.remove();
  });
  const run = (script: string, limits = LIMITS) =>
    sandbox.runIsolated(["bash", "-c", script], { workspace: ws.dir, network: "none", limits });

  it("cannot reach a server on the host's loopback", async () => {
    const result = await run(`exec 3<>/dev/tcp/127.0.0.1/${port} && cat <&3`);
    expect(result).toMatchObject({ status: "ran" });
    expect(result.status === "ran" && result.exitCode).not.toBe(0);
    expect(connections).toBe(0);
  });

  it("cannot resolve or reach the internet", async () => {
    const result = await run("exec 3<>/dev/tcp/registry.terraform.io/443 || exec 3<>/dev/tcp/1.1.1.1/53");
    expect(result.status === "ran" && result.exitCode).not.toBe(0);
    expect(result.status === "ran" && result.stderr).toMatch(
      /Network is unreachable|Name or service not known|resolve/,
    );
  });

  it("cannot read /root, /home, /etc/shadow or the host's own processes", async () => {
    const result = await run("ls /root /home; cat /etc/shadow /etc/passwd; ls /proc | grep -c '^[0-9]'");
    expect(result.status).toBe("ran");
    if (result.status !== "ran") return;
    expect(result.stderr).toMatch(/cannot access '\/root'/);
    expect(result.stderr).toMatch(/cannot access '\/home'/);
    expect(result.stderr).toMatch(/\/etc\/shadow: No such file/);
    // Only the sandbox's own few processes are visible, never the app's.
    expect(Number(result.stdout.trim())).toBeLessThan(6);
  });

  it("does not see the app's secrets in its environment, nor in bwrap's (/proc/1/environ)", async () => {
    process.env["EVIL_PROBE_GITHUB_TOKEN"] = "ghs_sandboxprobe0000000000000000000000";
    try {
      const result = await run("env; cat /proc/1/environ /proc/self/environ | tr '\\0' '\\n'");
      expect(result.status === "ran" && result.stdout).not.toContain("ghs_sandboxprobe");
      expect(result.status === "ran" && result.stdout).not.toMatch(
        /GITHUB|PRIVATE_KEY|WEBHOOK_SECRET|LLM_API_KEY|AWS_/,
      );
    } finally {
      delete process.env["EVIL_PROBE_GITHUB_TOKEN"];
    }
  });

  it("cannot write outside the workspace: system dirs are read-only and /tmp is private", async () => {
    const marker = `evil-${process.pid}-${Date.now()}`;
    const result = await run(`echo x > /usr/${marker}; echo x > /tmp/${marker}; echo x > /${marker}; true`);
    expect(result.status).toBe("ran");
    expect(result.status === "ran" && result.stderr).toMatch(/Read-only file system/);
    expect(
      execFileSync("sh", [
        "-c",
        `ls /usr/${marker} /tmp/${marker} /${marker} 2>/dev/null || true`,
      ]).toString(),
    ).toBe("");
  });

  it("cannot write through a symlink in the workspace that points outside it", async () => {
    await mkdir(join(outside.dir, "target"));
    await symlink(join(outside.dir, "target"), join(ws.dir, "escape"));
    await run("echo pwned > escape/owned.txt; echo pwned > /workspace/escape/owned2.txt; true");
    expect(await readdir(join(outside.dir, "target"))).toEqual([]);
  });

  it("a fork bomb is capped by the process limit and ends with the wall-time kill", async () => {
    const started = Date.now();
    const result = await run("f(){ f | f & }; f; sleep 60", { ...LIMITS, processes: 32, wallMs: 2_000 });
    expect(result).toMatchObject({ status: "ran", killed: true });
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("a command that runs for ever, even in a detached background child, is killed at the wall time", async () => {
    const marker = 987_000 + (process.pid % 1000);
    const started = Date.now();
    const result = await run(`setsid sleep ${marker} & nohup sleep ${marker} & sleep ${marker}`, {
      ...LIMITS,
      wallMs: 800,
    });
    expect(result).toMatchObject({ status: "ran", timedOut: true, killed: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const left = spawnSync("pgrep", ["-f", `^sleep ${marker}$`], { encoding: "utf8" });
    expect(left.stdout.trim()).toBe("");
  });

  it("a CPU spin is stopped by the CPU limit before the wall time", async () => {
    const result = await run("while :; do :; done", { ...LIMITS, cpuSeconds: 1, wallMs: 20_000 });
    expect(result).toMatchObject({ status: "ran", killed: true, timedOut: false });
  });

  it("a memory hog is refused its allocation by the memory limit", async () => {
    await writeFile(join(ws.dir, "hog.sh"), "x=$(head -c 600000000 /dev/zero | tr '\\0' a); echo ${#x}\n");
    const result = await run("bash hog.sh", { ...LIMITS, memoryBytes: 128 * 1024 * 1024 });
    expect(result.status).toBe("ran");
    expect(result.status === "ran" && result.stdout.trim()).not.toBe("600000000");
  });

  it("a disk filler is stopped by the file-size limit", async () => {
    const result = await run("head -c 50000000 /dev/zero > big.bin", { ...LIMITS, fileBytes: 1_000_000 });
    expect(result.status === "ran" && result.exitCode).not.toBe(0);
    expect(
      execFileSync("stat", ["-c", "%s", join(ws.dir, "big.bin")])
        .toString()
        .trim(),
    ).toBe("1000000");
  });
});
