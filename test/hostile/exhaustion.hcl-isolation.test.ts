// Issue 12, weakness 3: parsing untrusted HCL is isolated. hcl2json runs on a replaceable worker thread
// with a per-file deadline and a heap cap; a file that overflows the Go parser's stack, hangs, kills or
// exhausts the thread fails alone with the reason, and every other file — from any repository — parses.
// These drive real threads: the real hcl2json with the nesting guard lifted, and real hostile threads that
// misbehave only on files containing EVIL (as a parser bug triggered by one file would).
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "@jest/globals";
import { createHclParser, type HclParseResult } from "../../src/adapters/hcl/index.js";
import type { EngineThread } from "../../src/adapters/hcl/isolated.js";

const OK = "locals {\n  a = 1\n}\n";
const OK_BODY = { ok: true, body: { locals: [{ a: 1 }] } };
// 5,000 levels, past the guard on purpose: the Go parser overflows its stack or grinds on for tens of seconds.
const DEEP = `a = ${"[".repeat(5_000)}${"]".repeat(5_000)}\n`;

/** A real thread that parses nothing but answers `{}` for ordinary files, and runs `evil` on EVIL ones. */
function hostile(evil: string, limits?: Worker["resourceLimits"]): () => EngineThread {
  const code = `
    const { parentPort } = require("node:worker_threads");
    const keep = [];
    parentPort.postMessage({ ready: true });
    parentPort.on("message", (m) => {
      if (m.contents.includes("EVIL")) { ${evil} }
      else parentPort.postMessage({ id: m.id, ok: true, body: { file: m.filename } });
    });`;
  return () => new Worker(code, { eval: true, ...(limits ? { resourceLimits: limits } : {}) });
}

const failed = (reason: string): HclParseResult => ({
  ok: false,
  error: {
    message: `the HCL parser failed on this file (${reason}); it was restarted`,
    line: null,
    column: null,
  },
});

async function batch(parser: ReturnType<typeof createHclParser>): Promise<HclParseResult[]> {
  return Promise.all([
    parser.parse("a.tf", "x"),
    parser.parse("evil.tf", "EVIL"),
    parser.parse("b.tf", "y"),
    parser.parse("c.tf", "z"),
  ]);
}

describe("a file that breaks the parser costs that file only", () => {
  it("a stack overflow in the real Go parser fails that file; files parsed beside it and after it succeed", async () => {
    const unguarded = createHclParser({ maxNesting: 1_000_000, timeoutMs: 5_000 });
    const started = performance.now();
    const [before, deep, after] = await Promise.all([
      unguarded.parse("ok1.tf", OK),
      unguarded.parse("evil-deep.tf", DEEP),
      unguarded.parse("ok2.tf", OK),
    ]);
    expect(deep.ok).toBe(false);
    if (!deep.ok)
      expect(deep.error.message).toMatch(/^the HCL parser failed on this file \(.+\); it was restarted$/);
    expect([before, after]).toEqual([OK_BODY, OK_BODY]);
    // Twice the deadline at most (once shared, once alone) plus thread start-ups, which are not charged.
    expect(performance.now() - started).toBeLessThan(40_000);
    expect(await unguarded.parse("ok3.tf", OK)).toEqual(OK_BODY);
    expect(await createHclParser().parse("other-repo.tf", OK)).toEqual(OK_BODY);
  }, 60_000);

  it("a file that hangs the parser thread is given up on at its deadline; the others are answered", async () => {
    const results = await batch(createHclParser({ timeoutMs: 300, spawn: hostile("for (;;) {}") }));
    expect(results[1]).toEqual(failed("no answer within 300 ms"));
    expect([results[0], results[2], results[3]].map((r) => r?.ok)).toEqual([true, true, true]);
  });

  it("a file that kills the thread fails with the exit code; the others are sent again and answered", async () => {
    const results = await batch(createHclParser({ timeoutMs: 5_000, spawn: hostile("process.exit(3);") }));
    expect(results[1]).toEqual(failed("the parser thread exited with code 3"));
    expect([results[0], results[2], results[3]].map((r) => r?.ok)).toEqual([true, true, true]);
  });

  it("a file that makes the parser report a fatal Go error fails alone", async () => {
    const fatal =
      'parentPort.postMessage({ id: m.id, ok: false, message: "Go program has already exited" });';
    const results = await batch(createHclParser({ timeoutMs: 5_000, spawn: hostile(fatal) }));
    expect(results[1]).toEqual(failed("Go program has already exited"));
    expect([results[0], results[2], results[3]].map((r) => r?.ok)).toEqual([true, true, true]);
  });

  it("a file that exhausts the thread's heap cap fails, and the memory is given back", async () => {
    const hog = "for (;;) keep.push(new Array(1e5).fill(Math.random()));";
    const parser = createHclParser({
      timeoutMs: 20_000,
      spawn: hostile(hog, { maxOldGenerationSizeMb: 48 }),
    });
    const before = process.memoryUsage().rss;
    const results = await batch(parser);
    expect(results[1]?.ok).toBe(false);
    if (results[1] && !results[1].ok) expect(results[1].error.message).toMatch(/memory|exited/i);
    expect([results[0], results[2], results[3]].map((r) => r?.ok)).toEqual([true, true, true]);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
  }, 60_000);

  it("many files waiting their turn are not punished by a short per-file deadline", async () => {
    const parser = createHclParser({ timeoutMs: 2_000 });
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => parser.parse(`f${i}.tf`, OK)));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});
