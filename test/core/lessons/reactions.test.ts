import { describe, expect, it } from "@jest/globals";
import {
  acceptance,
  distill,
  reactionsByKind,
  renderAcceptance,
  type FeedbackEvent,
} from "../../../src/core/lessons/index.js";

const reaction = (
  about: string,
  user: string,
  content: "+1" | "-1",
  id = 1,
  fingerprint?: string,
): FeedbackEvent => ({
  kind: "reaction",
  key: `reaction:${id}:${user}:${content}`,
  repo: "o/r",
  at: 1,
  url: `https://github.com/o/r/pull/1#issuecomment-${id}`,
  about,
  user,
  content,
  ...(fingerprint === undefined ? {} : { fingerprint }),
});

describe("reactions per kind of comment", () => {
  it("counts each person's reaction on a comment once, per kind, most reacted first", () => {
    const rows = reactionsByKind([
      reaction("plan", "ada", "-1", 1),
      reaction("plan", "ada", "-1", 1),
      reaction("plan", "bob", "+1", 1),
      reaction("review", "ada", "+1", 2),
      reaction("diagnosis", "ada", "-1", 3, "fp"),
      reaction("diagnosis", "bob", "-1", 3, "fp"),
    ]);
    expect(rows).toEqual([
      { about: "diagnosis", label: "diagnoses", up: 0, down: 2 },
      { about: "plan", label: "plan summaries", up: 1, down: 1 },
      { about: "review", label: "review summaries", up: 1, down: 0 },
    ]);
  });

  it("a 👎 on a plan summary or an answer is no lesson: it says nothing about the Terraform", () => {
    const events = [reaction("plan", "ada", "-1", 1), reaction("review", "bob", "-1", 2)];
    expect(distill(events, { isProtected: () => false })).toEqual([]);
  });

  it("stats show reactions by kind even before any pull request was decided", () => {
    const text = renderAcceptance(
      acceptance([reaction("plan", "ada", "-1"), reaction("pr", "bob", "+1", 2)]),
    );
    expect(text).toContain("👍 1, 👎 1");
    expect(text).toContain("| plan summaries | 0 | 1 |");
    expect(text).toContain("| pull request bodies | 1 | 0 |");
  });

  it("an unknown kind is shown as other comments, its name never echoed into the table", () => {
    const [row] = reactionsByKind([reaction("<img src=x>|", "ada", "+1")]);
    expect(row?.label).toBe("other comments");
  });
});
