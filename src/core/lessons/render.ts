import { inlineCode } from "../text/markdown.js";
import type { EffectiveLesson } from "./file.js";
import { renderReactions, type ReactionCount } from "./reactions.js";
import { LESSONS_PATH } from "./file.js";
import type { AppliedLesson, Lesson } from "./types.js";

const MAX_LISTED = 50;

/** `/agent lessons`: what the agent will do differently here, and how to change it. */
export function renderLessonList(
  lessons: readonly EffectiveLesson[],
  problems: readonly string[],
  enabled: boolean,
  reactions: readonly ReactionCount[] = [],
): string {
  const head = ["### 📚 What devops-agent learned in this repository", ""];
  if (!enabled)
    head.push(
      "Learning is switched off in `.github/devops-agent.yml` (`learning.enabled: false`): lessons are neither recorded nor used.",
      "",
    );
  if (lessons.length === 0) {
    head.push(
      "No lessons yet. People teach the agent by correcting its pull requests, with `/agent feedback <text>`, and by fixing failures it diagnosed.",
    );
  } else {
    head.push("| id | lesson | strength | status |", "| --- | --- | --- | --- |");
    for (const l of lessons.slice(0, MAX_LISTED)) {
      const status = l.id.startsWith("guide.")
        ? `from ${inlineCode(l.evidence[0] ?? "guidance")}`
        : l.pending
          ? "proposed (lessons PR)"
          : `in \`${LESSONS_PATH}\``;
      head.push(
        `| \`${l.id}\` | ${cell(l.summary)}${l.quote === undefined ? "" : `: ${inlineCode(l.quote.slice(0, 200)).replace(/\|/g, "\\|")}`} | ${l.strength.count} of ${l.strength.total} | ${status} |`,
      );
    }
    if (lessons.length > MAX_LISTED)
      head.push("", `…and ${lessons.length - MAX_LISTED} more in \`${LESSONS_PATH}\`.`);
  }
  if (reactions.length > 0)
    head.push(
      "",
      "**Reactions on the agent's comments** (feedback on each kind of comment, not lessons):",
      "",
      ...renderReactions(reactions),
    );
  if (problems.length > 0)
    head.push("", "**Entries I could not read** (left untouched):", ...problems.map((p) => `- ${cell(p)}`));
  head.push(
    "",
    "Remove one with `/agent forget <id>` (through a pull request), or edit the file: the default branch always wins.",
  );
  return head.join("\n");
}

/** The PR body's account of the lessons that shaped the change. */
export function appliedLessonsSection(
  applied: readonly AppliedLesson[],
  skipped: readonly { id: string; reason: string }[],
): string[] {
  if (applied.length === 0 && skipped.length === 0) return [];
  const rows = applied.map(
    (a) =>
      `- \`${a.id}\`: ${inertText(a.summary)} — applied to ${a.where.map((w) => inlineCode(w)).join(", ")}`,
  );
  const skips = skipped.map((s) => `- not applied \`${s.id}\`: ${inertText(s.reason)}`);
  return [
    "### Lessons applied",
    "",
    ...(rows.length ? rows : ["- none"]),
    ...skips,
    "",
    `From \`${LESSONS_PATH}\` and this repository's feedback; \`/agent lessons\` lists them.`,
  ];
}

/** Lesson ids a PR body says were applied (read back when the PR is closed, for acceptance stats). */
export function appliedLessonIds(body: string): string[] {
  const section = body.split("### Lessons applied")[1]?.split("\n### ")[0] ?? "";
  return [...section.matchAll(/^- `([A-Za-z0-9_.:-]{1,120})`:/gm)].map((m) => m[1] ?? "").filter(Boolean);
}

/** Lines for the model's prompt; the caller fences them as data. */
export function lessonGuidance(lessons: readonly Lesson[]): string {
  return lessons
    .filter((l) => l.scope.command !== "diagnose")
    .map(
      (l) =>
        `- ${l.summary.replace(/`/g, "")}${l.quote === undefined ? "" : `: "${l.quote.replace(/\s+/g, " ").slice(0, 500)}"`}`,
    )
    .join("\n");
}

/** "Last time this failed here, commit abc fixed it by …", for a diagnosis with this fingerprint. */
export function priorFixNote(
  lessons: readonly Lesson[],
  fingerprint: string,
  repoUrl: string,
): string | null {
  const lesson = lessons.find((l) => l.fix?.fingerprint === fingerprint);
  if (!lesson?.fix) return null;
  const { sha, message } = lesson.fix;
  return `**Seen before in this repository:** the last time this failure happened here, commit [\`${sha.slice(0, 7)}\`](${repoUrl}/commit/${sha}) made the workflow pass again — ${inlineCode(message.replace(/\s+/g, " "))} (lesson \`${lesson.id}\`).`;
}

/**
 * A lesson's summary or reason in Markdown, kept to text: no HTML (nor hidden comments that could fake a
 * marker), no images or links, one line. Code spans stay (summaries name arguments in them).
 */
export function inertText(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/!\[/g, "!\\[")
    .replace(/\]\(/g, "]\\(")
    .replace(/\]\[/g, "]\\[");
}

function cell(text: string): string {
  return inertText(text).replace(/\|/g, "\\|");
}
