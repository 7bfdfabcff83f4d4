import type { AgentCommand } from "../../core/commands/index.js";
import {
  GUIDANCE_FILES,
  LESSONS_PATH,
  feedbackRest,
  moduleSourceAllowed,
  moduleStatement,
  renderLessonList,
} from "../../core/lessons/index.js";
import type { CommandTask, TaskContext, TaskResult } from "../types.js";
import { isProtectedFor, readGuidance, recordFeedback, repoKey, repoLessons, repoUrl } from "./context.js";
import { proposeLessons, type ProposeResult } from "./propose.js";
import { harvestReactions, recordPlanComments } from "./reactions.js";
import { reactionsByKind } from "../../core/lessons/index.js";

const OFF =
  "Learning is switched off for this repository (`learning.enabled: false` in `.github/devops-agent.yml`), so I did not record this.";

const commentUrl = (ctx: TaskContext) =>
  ctx.job.kind === "command" && ctx.job.commentId !== null
    ? `${repoUrl(ctx)}/issues/${ctx.thread.number}#issuecomment-${ctx.job.commentId}`
    : `${repoUrl(ctx)}/issues/${ctx.thread.number}`;
const replyKey = (ctx: TaskContext) =>
  ctx.job.kind === "command" && ctx.job.commentId !== null ? ctx.job.commentId : ctx.job.id;

const proposedLine = (p: ProposeResult) =>
  p.status === "proposed"
    ? `The lessons file change is proposed in #${p.number} (${p.url}); review, edit or close it there.`
    : "";

export const feedbackTask: CommandTask = {
  name: "feedback",
  usage: "/agent feedback <text>",
  summary:
    "Tells the agent what to do differently in this repository; repeated or explicit guidance becomes a lesson.",
  where: "both",
  async run(ctx: TaskContext, command: AgentCommand): Promise<TaskResult> {
    const say = (body: string) => ctx.github.upsertComment(ctx.thread, "feedback", replyKey(ctx), body);
    if (command.name !== "feedback") return { outcome: "nothing-to-do" };
    if (!ctx.config.learning.enabled || !ctx.feedback) {
      await say(
        ctx.feedback
          ? OFF
          : "No feedback store is configured on this deployment, so I could not record this.",
      );
      return { outcome: "declined", detail: "learning off" };
    }
    // Stored as data: redacted, capped, never executed; only a plain module choice is read from it.
    const text = ctx.redactor.redact(command.text).slice(0, 4000);
    const key =
      ctx.job.kind === "command" && ctx.job.commentId !== null
        ? `feedback:${ctx.job.commentId}`
        : `feedback:${ctx.job.id}`;
    await recordFeedback(ctx, [
      {
        kind: "feedback",
        key,
        repo: repoKey(ctx),
        at: ctx.now(),
        number: ctx.thread.number,
        url: commentUrl(ctx),
        author: ctx.job.sender,
        text,
      },
    ]);
    const statement = moduleStatement(text);
    const verdict = statement ? moduleSourceAllowed(statement.source, isProtectedFor(ctx)) : null;
    const proposal = await proposeLessons(ctx);
    const lines = [`Thanks @${ctx.job.sender}: recorded as feedback for this repository.`, ""];
    if (statement && verdict?.ok) {
      lines.push(
        `From now on, new \`${statement.resourceType}\` blocks become calls to \`${statement.source}\` (lesson \`module.${statement.resourceType}\`) when that module exists and takes their settings.`,
      );
      if (feedbackRest(text) !== "")
        lines.push(
          "",
          "The rest of your message is kept as quoted guidance for the model; it cannot change what I am allowed to do.",
        );
    } else if (statement && verdict && !verdict.ok) {
      lines.push(`I will not use \`${statement.source}\` as a module: ${verdict.reason}.`);
    } else {
      lines.push(
        "I keep your words as quoted guidance for the model; they cannot change what I am allowed to do.",
      );
    }
    const line = proposedLine(proposal);
    if (line) lines.push("", line);
    await say(lines.join("\n"));
    return { outcome: "done", detail: proposal.status };
  },
};

export const lessonsTask: CommandTask = {
  name: "lessons",
  usage: "/agent lessons",
  summary: `Lists what the agent learned in this repository (${LESSONS_PATH} plus proposed lessons).`,
  where: "both",
  async run(ctx: TaskContext): Promise<TaskResult> {
    const text = await ctx.github.readFile(ctx.thread, LESSONS_PATH);
    const guides = await readGuidance((path) => ctx.github.readFile(ctx.thread, path));
    const fresh = (await recordPlanComments(ctx)) > 0;
    const first = await repoLessons(ctx, text, guides);
    const reacted =
      ctx.feedback && ctx.config.learning.enabled
        ? await recordFeedback(ctx, await harvestReactions(ctx, first.events))
        : 0;
    const { lessons, problems, events } = fresh || reacted > 0 ? await repoLessons(ctx, text, guides) : first;
    await ctx.github.upsertComment(
      ctx.thread,
      "lessons",
      ctx.thread.number,
      renderLessonList(lessons, problems, ctx.config.learning.enabled, reactionsByKind(events)),
    );
    return { outcome: "done", detail: `${lessons.length} lessons` };
  },
};

export const forgetTask: CommandTask = {
  name: "forget",
  usage: "/agent forget <id>",
  summary: "Removes a lesson, through the lessons pull request.",
  where: "both",
  async run(ctx: TaskContext, command: AgentCommand): Promise<TaskResult> {
    if (command.name !== "forget") return { outcome: "nothing-to-do" };
    const say = (body: string) => ctx.github.upsertComment(ctx.thread, "forget", replyKey(ctx), body);
    if (!ctx.config.learning.enabled || !ctx.feedback) {
      await say(ctx.feedback ? OFF : "No feedback store is configured on this deployment.");
      return { outcome: "declined", detail: "learning off" };
    }
    const guides = await readGuidance((path) => ctx.github.readFile(ctx.thread, path));
    const { lessons } = await repoLessons(ctx, await ctx.github.readFile(ctx.thread, LESSONS_PATH), guides);
    const lesson = lessons.find((l) => l.id === command.id);
    if (!lesson) {
      await say(
        `There is no lesson \`${command.id}\` in this repository. \`/agent lessons\` lists them with their ids.`,
      );
      return { outcome: "declined", detail: "unknown lesson" };
    }
    await recordFeedback(ctx, [
      {
        kind: "forget",
        key: `forget:${command.id}:${replyKey(ctx)}`,
        repo: repoKey(ctx),
        at: ctx.now(),
        id: command.id,
        author: ctx.job.sender,
        url: commentUrl(ctx),
      },
    ]);
    const proposal = await proposeLessons(ctx, [command.id]);
    const from = GUIDANCE_FILES.find((f) => f === lesson.evidence[0]);
    const guide = command.id.startsWith("guide.") ? (from ?? "the guidance file") : null;
    const where = guide
      ? `listing it under \`forgotten:\` in \`${LESSONS_PATH}\``
      : `removing it from \`${LESSONS_PATH}\``;
    await say(
      [
        proposal.status === "proposed"
          ? `I stopped using \`${command.id}\` and proposed ${where} in #${proposal.number} (${proposal.url}).`
          : `I stopped using \`${command.id}\`; the lessons file already reflects it.`,
        ...(guide
          ? [
              "",
              `\`${guide}\` still contains the text this lesson came from, and a model still reads that file as guidance; edit \`${guide}\` if people should stop following it too.`,
            ]
          : []),
      ].join("\n"),
    );
    return { outcome: "done", detail: proposal.status };
  },
};
