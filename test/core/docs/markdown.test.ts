import { describe, expect, it } from "@jest/globals";
import { chunkText, splitMarkdown, toSections } from "../../../src/core/docs/markdown.js";

describe("splitMarkdown", () => {
  it("nests heading paths and ignores # lines inside fences", () => {
    const blocks = splitMarkdown(
      "intro\n# A\none\n## B\n```sh\n# not a heading\n```\n### C\nthree\n## D\nfour",
    );
    expect(blocks.map((b) => [b.level, b.path])).toEqual([
      [0, ""],
      [1, "A"],
      [2, "A > B"],
      [3, "A > B > C"],
      [2, "A > D"],
    ]);
    expect(blocks[2]?.body).toBe("```sh\n# not a heading\n```");
  });

  it("accepts tilde fences and longer closing fences", () => {
    const blocks = splitMarkdown("# A\n~~~~\n# inside\n~~~~~\n# B\nx");
    expect(blocks.map((b) => b.heading)).toEqual(["A", "B"]);
  });
});

describe("chunkText", () => {
  it("keeps every piece within the byte limit and loses no text", () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i} ${"é".repeat(i % 30)}`).join("\n");
    const pieces = chunkText(text, 500);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(500);
    expect(pieces.join("\n")).toBe(text);
  });

  it("hard-cuts a single line longer than the limit", () => {
    const pieces = chunkText("x".repeat(1200), 500);
    expect(pieces.map((p) => p.length)).toEqual([500, 500, 200]);
  });
});

describe("toSections", () => {
  it("names parts of a long section", () => {
    const sections = toSections(splitMarkdown(`# Big\n${"word ".repeat(300)}\n${"more ".repeat(300)}`), 1600);
    expect(sections.map((s) => s.heading)).toEqual(["Big (part 1)", "Big (part 2)"]);
  });
});
