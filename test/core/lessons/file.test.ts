import { describe, expect, it } from "@jest/globals";
import { parseLessonsFile, updateLessonsFile, type Lesson } from "../../../src/core/lessons/index.js";

const lesson = (id: string): Lesson => ({
  id,
  summary: `lesson ${id}`,
  scope: {},
  strength: { count: 2, total: 2 },
  evidence: ["https://github.com/acme/infra/pull/1"],
});

describe("the lessons file", () => {
  it("writes one block entry per lesson, so a review shows each on its own lines", () => {
    const first = updateLessonsFile(null, [lesson("a.one")], []);
    const second = updateLessonsFile(first.text, [lesson("a.one"), lesson("b.two")], ["c.three"]);
    expect(second.added).toEqual(["b.two"]);
    expect(second.text).toContain("lessons:\n  - id: a.one\n");
    expect(second.text).toContain("\n  - id: b.two\n");
    expect(second.text).toContain("forgotten:\n  - c.three\n");
    expect(parseLessonsFile(second.text).lessons.map((l) => l.id)).toEqual(["a.one", "b.two"]);
  });

  it("keeps a maintainer's own flow-style list as they wrote it", () => {
    const mine = "version: 1\nlessons: []\nforgotten: [x.y]\n";
    const out = updateLessonsFile(mine, [], ["z.z"]);
    expect(out.text).toContain("forgotten: [ x.y, z.z ]");
  });
});
