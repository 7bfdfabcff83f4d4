import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { findPythonRuntime } from "../../src/agent/python-runtime.js";
import { createPythonTests } from "../../src/agent/python-tests.js";
import { sandboxOrSkip, scratch } from "../adapters/sandbox/support.js";

const { sandbox, describeIf: withSandbox } = await sandboxOrSkip("test/hostile/secrets.python-tests.test.ts");
const runtime = await findPythonRuntime();
if (!runtime.ok) console.warn(`test/hostile/secrets.python-tests.test.ts: skipped: ${runtime.why}`);
const describeIf = runtime.ok ? withSandbox : describe.skip;

const CANARY = "evil-canary-7f3e1c";

// A generated (or model-written) test file is untrusted code. Each case is an evil test that reports what
// it reached through its assertion message; the safe outcome is checked on the host, not believed.
describeIf("handler tests run by the agent cannot reach the network or the app's secrets", () => {
  let ws = { dir: "", remove: async () => {} };
  let server: Server;
  let port = 0;
  let connections = 0;
  const tests = createPythonTests({
    sandbox,
    runtime: () => Promise.resolve(runtime),
    limits: { wallMs: 15_000, cpuSeconds: 4, memoryBytes: 2 * 1024 ** 3, processes: 32 },
  });
  beforeAll(async () => {
    ws = await scratch("evil-pytest-");
    process.env["EVIL_APP_SECRET"] = CANARY;
    await writeFile(join(ws.dir, ".env"), `GITHUB_TOKEN=${CANARY}\n`);
    server = createServer((socket) => {
      connections += 1;
      socket.end("hello");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    delete process.env["EVIL_APP_SECRET"];
    server.close();
    await ws.remove();
  });
  /** Writes `src/<name>/test_evil.py` whose one test fails with `observed` as its message. */
  const evil = async (name: string, body: string): Promise<string> => {
    await mkdir(join(ws.dir, "src", name), { recursive: true });
    const path = `src/${name}/test_evil.py`;
    await writeFile(
      join(ws.dir, path),
      `import os, socket\n\ndef test_evil():\n${body}\n    assert False, "observed:" + observed\n`,
    );
    const outcome = await tests(ws.dir, [path]);
    expect(outcome.status).toBe("failed");
    return outcome.findings.map((f) => f.message).join("\n");
  };

  it("cannot connect to a server on the host's loopback", async () => {
    const seen = await evil(
      "loopback",
      `    try:\n        socket.create_connection(("127.0.0.1", ${port}), timeout=3).recv(5)\n        observed = "connected"\n    except OSError as e:\n        observed = "blocked"`,
    );
    expect(seen).toContain("observed:blocked");
    expect(connections).toBe(0);
  });

  it("cannot resolve or reach an outside host", async () => {
    const seen = await evil(
      "outside",
      `    try:\n        socket.create_connection(("sts.amazonaws.com", 443), timeout=3)\n        observed = "connected"\n    except OSError:\n        observed = "blocked"`,
    );
    expect(seen).toContain("observed:blocked");
  });

  it("sees none of the app's environment (tokens, keys)", async () => {
    const seen = await evil(
      "environ",
      `    observed = "leaked" if any("${CANARY}" in v for v in os.environ.values()) else "clean:" + ",".join(sorted(k for k in os.environ if "TOKEN" in k or "KEY" in k or "SECRET" in k))`,
    );
    expect(seen).toContain("observed:clean:");
    expect(seen).not.toContain(CANARY);
  });

  it("cannot read the checkout's .env or the host's files around the workspace", async () => {
    const seen = await evil(
      "files",
      `    found = []\n    for path in ["../../.env", "${join(ws.dir, ".env")}", "/root/.aws/credentials", "/etc/shadow", "/proc/1/environ"]:\n        try:\n            if "${CANARY}" in open(path, errors="replace").read():\n                found.append(path)\n        except OSError:\n            pass\n    observed = "leaked " + " ".join(found) if found else "nothing"`,
    );
    expect(seen).toContain("observed:nothing");
  });

  it("cannot change the checkout: what it writes stays in the throwaway copy", async () => {
    await evil(
      "writes",
      `    for path in ["${join(ws.dir, ".env")}", "../../.env", "${join(ws.dir, "src", "writes", "test_evil.py")}"]:\n        try:\n            open(path, "w").write("overwritten")\n        except OSError:\n            pass\n    observed = "tried"`,
    );
    expect(await readFile(join(ws.dir, ".env"), "utf8")).toBe(`GITHUB_TOKEN=${CANARY}\n`);
    expect(await readFile(join(ws.dir, "src", "writes", "test_evil.py"), "utf8")).toContain("def test_evil");
  });

  it("a test that never ends is stopped by the sandbox's limits and reported as failed", async () => {
    await mkdir(join(ws.dir, "src", "spin"), { recursive: true });
    await writeFile(
      join(ws.dir, "src", "spin", "test_spin.py"),
      "def test_spin():\n    while True:\n        pass\n",
    );
    const outcome = await tests(ws.dir, ["src/spin/test_spin.py"]);
    expect(outcome.status).toBe("failed");
    expect(outcome.why).toMatch(/stopped by the sandbox's limits/);
  }, 30_000);
});
