import type { TaskContext } from "../types.js";

export type StepState = "done" | "running" | "failed" | "pending";

const ICON: Record<StepState, string> = { done: "✅", running: "⏳", failed: "❌", pending: "⬜" };

/** The progress comment, updated in place as the steps complete. */
export function createProgress(ctx: TaskContext, steps: readonly string[]) {
  const states = new Map<string, StepState>(steps.map((s) => [s, "pending"]));
  let footer = "";
  const render = () =>
    [
      "### 🛠️ devops-agent is working on this",
      "",
      ...steps.map((s) => `- ${ICON[states.get(s) ?? "pending"]} ${s}`),
      ...(footer ? ["", footer] : []),
    ].join("\n");
  let id: number | null = null;
  // The first update finds or creates the comment; later ones edit it by id, without listing comments.
  const publish = async () => {
    if (id === null)
      id = (await ctx.github.upsertComment(ctx.thread, "progress", ctx.thread.number, render())).id;
    else await ctx.github.updateComment(ctx.thread, id, "progress", ctx.thread.number, render());
  };
  return {
    async set(step: string, state: StepState, note?: string) {
      states.set(step, state);
      if (note !== undefined) footer = note;
      await publish();
    },
    async finish(note: string) {
      footer = note;
      await publish();
    },
  };
}
