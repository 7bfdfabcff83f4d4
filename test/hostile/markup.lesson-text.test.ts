// Lesson text shown on GitHub — summaries (some quote AGENTS.md or a hand-edited lessons.yml), quotes from
// `/agent feedback`, commit messages of fixes — renders as text: no HTML, hidden comments (fake markers),
// images or links, and a quote cannot leave its code span or break the lessons table.
import { describe, expect, it } from "@jest/globals";
import {
  appliedLessonsSection,
  guidanceLessons,
  inertText,
  priorFixNote,
  renderLessonList,
  type EffectiveLesson,
  type Lesson,
} from "../../src/core/lessons/index.js";
import { outsideCode } from "./markdown.js";

const lesson = (over: Partial<Lesson>): EffectiveLesson => ({
  id: "said.feedback-1",
  summary: "@maintainer said (quoted, guidance only)",
  scope: {},
  strength: { count: 1, total: 1 },
  evidence: [],
  pending: true,
  ...over,
});
const EVIL =
  "<img src=x onerror=alert(1)> <!-- devops-agent:pr:agent/1-x --> ![p](https://evil.example/p.png) [go](https://evil.example)";

/** Nothing GitHub would render as HTML, an image or a link, outside code spans. */
function inert(markdown: string): void {
  const text = outsideCode(markdown);
  expect(text).not.toMatch(/<[a-z!/]/i);
  expect(text).not.toMatch(/!\[[^\]]*\]\(/);
  expect(text).not.toMatch(/\]\(https:\/\/evil/);
}

describe("lesson text renders as text", () => {
  it("a hand-edited summary in lessons.yml cannot put HTML, a fake marker or an image into the PR body", () => {
    const section = appliedLessonsSection(
      [{ id: "set.aws_sqs_queue.delay_seconds", summary: EVIL, where: ["aws_sqs_queue.q"] }],
      [],
    );
    inert(section.join("\n"));
  });

  it("an AGENTS.md line that states a convention and carries markup is cited inert", () => {
    const [guide] = guidanceLessons(
      [{ path: "AGENTS.md", text: `- Use ./modules/s3-bucket for every bucket. ${EVIL}` }],
      () => false,
    );
    expect(guide?.id).toBe("guide.module.aws_s3_bucket");
    inert(
      appliedLessonsSection(
        [{ id: guide?.id ?? "", summary: guide?.summary ?? "", where: ["aws_s3_bucket.r"] }],
        [],
      ).join("\n"),
    );
  });

  it("a not-applied reason carrying markup stays text", () => {
    inert(appliedLessonsSection([], [{ id: "module.aws_s3_bucket", reason: EVIL }]).join("\n"));
  });

  it("a quote with backticks, pipes and HTML stays in its code span and its table row", () => {
    const body = renderLessonList(
      [lesson({ quote: "`` ` | </td><script>x</script> | @org/team " + EVIL })],
      [],
      true,
    );
    const row = body.split("\n").find((l) => l.startsWith("| `said.")) ?? "";
    inert(row);
    // Five column separators, however many pipes the quote held.
    expect(outsideCode(row).replace(/\\\|/g, "").match(/\|/g)).toHaveLength(5);
  });

  it("a summary in the lessons list cannot add table columns or HTML", () => {
    const row =
      renderLessonList([lesson({ summary: `a | b | c ${EVIL}` })], [], true)
        .split("\n")
        .find((l) => l.startsWith("| `said.")) ?? "";
    inert(row);
    expect(outsideCode(row).replace(/\\\|/g, "").match(/\|/g)).toHaveLength(5);
  });

  it("a fix commit's message cited in a diagnosis is a code span, not markup", () => {
    const fix = lesson({
      id: "fix.abc",
      scope: { command: "diagnose" },
      fix: { fingerprint: "abc", category: "other", sha: "a".repeat(40), message: `Fix \`x\` ${EVIL}` },
    });
    const note = priorFixNote([fix], "abc", "https://github.com/o/r") ?? "";
    inert(note.replace(/\]\(https:\/\/github\.com\/o\/r\/commit\/a+\)/, "]"));
  });

  it("inertText leaves a summary's own code spans and words alone", () => {
    expect(inertText("people set `visibility_timeout_seconds = 120` on the agent's `aws_sqs_queue`")).toBe(
      "people set `visibility_timeout_seconds = 120` on the agent's `aws_sqs_queue`",
    );
  });
});
