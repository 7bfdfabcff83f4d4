import { describe, expect, it } from "@jest/globals";
import type { HclParser } from "../../src/adapters/hcl/index.js";
import { cachingParser } from "../../src/validation/parse-cache.js";

function counting(): HclParser & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    parse(path, content) {
      calls.push(path);
      return Promise.resolve(
        content.includes("{")
          ? { ok: false as const, error: { message: "bad", line: 1, column: 2 } }
          : { ok: true as const, body: { locals: [{ text: content }] } },
      );
    },
  };
}

describe("cachingParser", () => {
  it("parses each content once, whatever the path, and keeps HCL and JSON apart", async () => {
    const inner = counting();
    const parser = cachingParser(inner);
    const first = await parser.parse("a/main.tf", "x");
    expect(await parser.parse("b/other.tf", "x")).toBe(first);
    await parser.parse("c/main.tf.json", "x");
    expect(await parser.parse("d/bad.tf", "{")).toEqual(await parser.parse("e/bad.tf", "{"));
    expect(inner.calls).toEqual(["a/main.tf", "c/main.tf.json", "d/bad.tf"]);
  });

  it("stays within its byte budget, dropping the least recently used", async () => {
    const inner = counting();
    const parser = cachingParser(inner, 8);
    for (const text of ["aaaa", "bbbb", "aaaa", "cccc", "aaaa", "bbbb"]) await parser.parse("m.tf", text);
    // aaaa stays (used last before cccc came in); bbbb was evicted by cccc and parsed again.
    expect(inner.calls).toHaveLength(4);
    await parser.parse("m.tf", "too long for the budget");
    await parser.parse("m.tf", "too long for the budget");
    expect(inner.calls).toHaveLength(6);
  });
});
