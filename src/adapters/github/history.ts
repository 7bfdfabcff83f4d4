import { z } from "zod";
import { AGENT_BRANCH_PREFIX } from "../workspace/index.js";
import type { Octokit } from "./port.js";
import type { RepoRef } from "./types.js";

export interface AgentPullRequest {
  number: number;
  state: "open" | "merged" | "closed";
  /** Commits on the PR not made by a bot: a human corrected the agent's change. */
  humanCommits: number | null;
}

export interface HistoryApi {
  /** The agent's PRs in this repository, newest first, at most `limit`; human commits counted for the first `inspect`. */
  agentPullRequests(repo: RepoRef, options: { limit: number; inspect: number }): Promise<AgentPullRequest[]>;
  /** Who committed on a PR besides bots, one entry per commit (login, or the git author name). */
  humanCommitAuthors(repo: RepoRef, number: number): Promise<string[]>;
}

const Pull = z.object({
  number: z.number(),
  state: z.string(),
  merged_at: z.string().nullable(),
  head: z.object({ ref: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
});
const Commit = z.object({
  author: z.object({ login: z.string(), type: z.string() }).nullable(),
  commit: z.object({ author: z.object({ name: z.string() }).nullable() }),
});

export function createHistoryApi(octokit: Octokit): HistoryApi {
  const humanCommitAuthors = async (repo: RepoRef, number: number) => {
    const { data } = await octokit.rest.pulls.listCommits({
      owner: repo.owner,
      repo: repo.repo,
      pull_number: number,
      per_page: 100,
    });
    return z
      .array(Commit)
      .parse(data)
      .map((c) => ({
        bot: c.author?.type === "Bot",
        name: c.author?.login ?? c.commit.author?.name ?? "unknown",
      }))
      .filter((c) => !c.bot && !c.name.endsWith("[bot]"))
      .map((c) => c.name);
  };
  return {
    humanCommitAuthors,
    async agentPullRequests(repo, { limit, inspect }) {
      const ref = { owner: repo.owner, repo: repo.repo };
      const found: AgentPullRequest[] = [];
      const fullName = `${repo.owner}/${repo.repo}`.toLowerCase();
      // Bounded: at most ten pages of the repository's pull requests, newest first.
      for (let page = 1; page <= 10 && found.length < limit; page += 1) {
        const { data } = await octokit.rest.pulls.list({
          ...ref,
          state: "all",
          sort: "created",
          direction: "desc",
          per_page: 100,
          page,
        });
        const pulls = z.array(Pull).parse(data);
        for (const pr of pulls) {
          if (
            !pr.head.ref.startsWith(AGENT_BRANCH_PREFIX) ||
            pr.head.repo?.full_name.toLowerCase() !== fullName
          )
            continue;
          const state = pr.merged_at ? "merged" : pr.state === "open" ? "open" : "closed";
          found.push({ number: pr.number, state, humanCommits: null });
          if (found.length >= limit) break;
        }
        if (pulls.length < 100) break;
      }
      for (const pr of found.filter((p) => p.state !== "open").slice(0, inspect)) {
        pr.humanCommits = (await humanCommitAuthors(ref, pr.number)).length;
      }
      return found;
    },
  };
}
