import type { CommandTask, TaskContext, TaskResult } from "./types.js";

const WHERE: Record<CommandTask["where"], string> = {
  issues: "issues",
  "pull-requests": "pull requests",
  both: "issues and pull requests",
};

export function renderHelp(tasks: readonly CommandTask[], ctx: Pick<TaskContext, "config">): string {
  const rows = tasks.map((t) => `| \`${t.usage}\` | ${t.summary} | ${WHERE[t.where]} |`);
  return [
    "### 🤖 devops-agent commands",
    "",
    "Write a command at the start of a line in a comment. Several lines run in order.",
    "",
    "| command | what it does | where |",
    "| --- | --- | --- |",
    ...rows,
    "",
    `Only people with at least \`${ctx.config.access.minimumPermission}\` access to this repository can run commands.`,
    `Settings live in \`.github/devops-agent.yml\`.`,
  ].join("\n");
}

export const helpTask: CommandTask = {
  name: "help",
  usage: "/agent help",
  summary: "Shows this list.",
  where: "both",
  async run(ctx): Promise<TaskResult> {
    const comment = await ctx.github.upsertComment(
      ctx.thread,
      "help",
      ctx.thread.number,
      renderHelp(ctx.available, ctx),
    );
    return { outcome: "done", detail: comment.created ? "help posted" : "help updated" };
  },
};
