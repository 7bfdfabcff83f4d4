import { z } from "zod";
import { cloneRepository } from "../clone.js";
import {
  LESSONS_BRANCH,
  LESSONS_PATH,
  inertText,
  updateLessonsFile,
  type Lesson,
} from "../../core/lessons/index.js";
import type { TaskContext } from "../types.js";
import { repoLessons } from "./context.js";

export type ProposeResult =
  | { status: "unchanged" }
  | { status: "proposed"; number: number; url: string; created: boolean; added: string[]; removed: string[] };

const OpenPull = z.array(z.object({ number: z.number(), html_url: z.string() }));

/**
 * Keeps the one lessons PR in step with what the feedback supports: opened once on `agent/lessons`, then
 * updated in place. It starts from the file on the default branch, so a maintainer's merged edits win; if
 * people committed on the lessons branch itself, the agent adds on top of their commit and never force-pushes.
 */
export async function proposeLessons(
  ctx: TaskContext,
  forget: readonly string[] = [],
): Promise<ProposeResult> {
  if (!ctx.config.learning.enabled) return { status: "unchanged" };
  const { distilled, events } = await repoLessons(ctx, null);
  const forgotten = [...new Set([...forget, ...events.flatMap((e) => (e.kind === "forget" ? [e.id] : []))])];
  const { data } = await ctx.octokit.rest.pulls.list({
    owner: ctx.thread.owner,
    repo: ctx.thread.repo,
    head: `${ctx.thread.owner}:${LESSONS_BRANCH}`,
    state: "open",
    per_page: 1,
  });
  const open = OpenPull.parse(data)[0];
  const edited = open ? (await ctx.github.pullCommits(ctx.thread, open.number)).some((c) => c.human) : false;

  const workspace = await cloneRepository(ctx, edited ? { branch: LESSONS_BRANCH } : {});
  try {
    if (!edited) await workspace.checkoutBranch(LESSONS_BRANCH);
    const current = await workspace.readFile(LESSONS_PATH).catch(() => null);
    const update = updateLessonsFile(current, distilled, forgotten);
    if (update.added.length + update.removed.length + update.forgotten.length === 0)
      return { status: "unchanged" };
    await workspace.writeFile(LESSONS_PATH, update.text);
    const gone = [...new Set([...update.removed, ...update.forgotten])];
    const what = [...update.added.map((id) => `add ${id}`), ...gone.map((id) => `forget ${id}`)];
    const commit = await workspace.commit(`devops-agent: lessons — ${what.join(", ")}`.slice(0, 200));
    if (!commit.committed) return { status: "unchanged" };
    await workspace.push({ branch: LESSONS_BRANCH, forceWithLease: !edited });
    const pr = await ctx.github.proposePullRequest(ctx.thread, {
      title: "devops-agent: lessons learned in this repository",
      body: lessonsPrBody(distilled, update.added, gone),
      head: LESSONS_BRANCH,
      base: workspace.defaultBranch,
    });
    ctx.log.info(
      { event: "lessons.proposed", pr: pr.number, added: update.added, removed: update.removed },
      "lessons PR",
    );
    return { status: "proposed", ...pr, added: update.added, removed: gone };
  } finally {
    await workspace.dispose();
  }
}

function lessonsPrBody(
  distilled: readonly Lesson[],
  added: readonly string[],
  removed: readonly string[],
): string {
  const byId = new Map(distilled.map((l) => [l.id, l]));
  const rows = added.map((id) => {
    const lesson = byId.get(id);
    const evidence = (lesson?.evidence ?? [])
      .slice(-3)
      .map((u, i) => `[${i + 1}](${u})`)
      .join(" ");
    return `- \`${id}\`: ${inertText(lesson?.summary ?? "")}${evidence ? ` — evidence ${evidence}` : ""}`;
  });
  return [
    "## Lessons the agent learned here",
    "",
    `This PR changes \`${LESSONS_PATH}\`, the reviewable record of what the agent learned from this repository's feedback. Merge it to make the lessons official, edit it (your edits win), or close it.`,
    "",
    ...(rows.length ? ["### Added", "", ...rows, ""] : []),
    ...(removed.length ? ["### Forgotten", "", ...removed.map((id) => `- \`${id}\``), ""] : []),
    "Lessons only set plain values (argument defaults, module choice) and quote what people said; they can never widen what the agent may do. `/agent lessons` lists them; `/agent forget <id>` removes one.",
  ].join("\n");
}
