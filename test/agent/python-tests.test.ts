import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { validateChange, findingsText } from "../../src/agent/check.js";
import { createPythonCheck } from "../../src/agent/python.js";
import { findPythonRuntime } from "../../src/agent/python-runtime.js";
import { createPythonTests } from "../../src/agent/python-tests.js";
import { createSandbox } from "../../src/adapters/sandbox/index.js";
import { handlerCalls } from "../../src/core/recipes/catalogue/lambda-calls.js";
import { handlerPython } from "../../src/core/recipes/catalogue/lambda-handler.js";
import { handlerTests } from "../../src/core/recipes/catalogue/lambda-tests.js";
import { createRedactor } from "../../src/core/redact/index.js";
import { scratch } from "../adapters/sandbox/support.js";

const sandbox = createSandbox();
const runtime = await findPythonRuntime();
const ready = await sandbox.describe();
const why = !runtime.ok ? runtime.why : !ready.ok ? ready.reason : null;
if (why !== null) console.warn(`test/agent/python-tests.test.ts: real pytest runs skipped: ${why}`);
const describeReal = why === null ? describe : describe.skip;

const ACCESS = [
  { kind: "sqs_send" as const, target: "orders" },
  { kind: "sns_publish" as const, target: "alerts" },
  { kind: "s3_write" as const, target: "reports" },
  { kind: "secret_read" as const, target: "api_key" },
];

async function writeHandler(root: string, name: string, sqs: boolean): Promise<string[]> {
  const calls = handlerCalls(ACCESS);
  await mkdir(join(root, "src", name), { recursive: true });
  await writeFile(join(root, "src", name, "handler.py"), handlerPython(name, sqs, calls));
  await writeFile(join(root, "src", name, "test_handler.py"), handlerTests(name, sqs, calls));
  return [`src/${name}/handler.py`, `src/${name}/test_handler.py`];
}

describeReal("generated Lambda handler tests, run with real python3 + pytest in the sandbox", () => {
  let ws = { dir: "", remove: async () => {} };
  const tests = createPythonTests({ sandbox, runtime: () => Promise.resolve(runtime) });
  beforeAll(async () => {
    ws = await scratch("pytests-");
  });
  afterAll(() => ws.remove());

  it("the tests of a handler making four AWS calls, and of an SQS-fed one, pass with Stubber expecting each call", async () => {
    const direct = await writeHandler(ws.dir, "worker", false);
    const fed = await writeHandler(ws.dir, "consumer", true);
    const test = await readFile(join(ws.dir, direct[1] as string), "utf8");
    for (const op of ["send_message", "publish", "put_object", "get_secret_value"])
      expect(test).toContain(`add_response("${op}"`);
    const outcome = await tests(ws.dir, [direct[1] as string, fed[1] as string]);
    expect(outcome).toMatchObject({ status: "passed", findings: [] });
    // 2 for the direct handler (calls, an AWS error raised), 3 for the SQS one (calls, text body, failure).
    expect(outcome.why).toMatch(/^2 test file\(s\): 5 passed/);
  });

  it("a broken handler fails its tests; validateChange reports the failure as findings the repair rounds read", async () => {
    const paths = await writeHandler(ws.dir, "broken", false);
    const handler = join(ws.dir, paths[0] as string);
    // The handler sends the wrong body: Stubber's expected parameters catch it.
    await writeFile(
      handler,
      (await readFile(handler, "utf8")).replace("MessageBody=body", 'MessageBody="{}"'),
    );
    const validation = await validateChange(ws.dir, paths, {
      python: createPythonCheck(),
      pythonTests: tests,
      redactor: createRedactor(),
    });
    expect(validation.ok).toBe(false);
    const check = validation.checks.find((c) => c.name === "python-tests");
    expect(check).toMatchObject({ ran: true, ok: false });
    const failed = validation.findings.filter((f) => f.code === "python_test_failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.file).toBe("src/broken/test_handler.py");
    // What the model is sent in a repair round (loop.ts: findingsText of session.validate()).
    expect(findingsText(validation.findings)).toMatch(
      /python_test_failed at src\/broken\/test_handler\.py: pytest: test_the_event_is_processed failed/,
    );
  });

  it("a handler that does not compile is reported once, and its tests are not run", async () => {
    const paths = await writeHandler(ws.dir, "syntax", false);
    await writeFile(join(ws.dir, paths[0] as string), "def handler(:\n");
    const validation = await validateChange(ws.dir, paths, {
      python: createPythonCheck(),
      pythonTests: tests,
      redactor: createRedactor(),
    });
    expect(validation.checks.find((c) => c.name === "python-tests")).toMatchObject({
      ran: false,
      why: "the Python does not compile: handler tests not run",
    });
  });
});

describe("handler tests that cannot run say why", () => {
  it("python3 without pytest: the check is not run, with the reason, and the change is not failed for it", async () => {
    const ws = await scratch("pytests-skip-");
    try {
      const paths = await writeHandler(ws.dir, "worker", false);
      const tests = createPythonTests({
        sandbox,
        runtime: () => Promise.resolve({ ok: false, why: "python3 has no pytest" }),
      });
      const validation = await validateChange(ws.dir, paths, {
        python: () => Promise.resolve([]),
        pythonTests: tests,
        redactor: createRedactor(),
      });
      expect(validation.checks.find((c) => c.name === "python-tests")).toEqual({
        name: "python-tests",
        version: null,
        ran: false,
        why: "python3 has no pytest: handler tests not run",
        ok: null,
      });
      expect(validation.skipped).toContain("python3 has no pytest: handler tests not run");
      expect(validation.ok).toBe(true);
    } finally {
      await ws.remove();
    }
  });

  it("an interpreter that does not exist is reported as not available", async () => {
    expect(await findPythonRuntime("/nonexistent/python3")).toEqual({
      ok: false,
      why: "/nonexistent/python3 is not available",
    });
  });
});
