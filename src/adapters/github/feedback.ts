import { z } from "zod";
import type { Octokit } from "./port.js";
import { statusOf } from "./status.js";
import type { RepoRef, ThreadRef } from "./types.js";

export interface PullCommit {
  sha: string;
  /** Not a bot and not a `[bot]` account: a person. */
  human: boolean;
  author: string;
}

export interface ChangedFile {
  path: string;
  status: string;
  /** For renames: where the file was before. */
  previous: string | null;
}

export interface ReactionInfo {
  user: string;
  content: string;
}

/** What learning reads from GitHub: a PR's commits, what changed between two commits, files at a commit, reactions. */
export interface FeedbackApi {
  pullCommits(repo: RepoRef, number: number): Promise<PullCommit[]>;
  changedFiles(repo: RepoRef, base: string, head: string): Promise<ChangedFile[]>;
  fileAt(repo: RepoRef, path: string, ref: string): Promise<string | null>;
  /** 👍/👎 and friends on an issue comment. GitHub sends no webhook for reactions: we read them when we pass by. */
  commentReactions(repo: RepoRef, commentId: number): Promise<ReactionInfo[]>;
  /** Reactions on an issue's or pull request's own body. */
  issueReactions(repo: RepoRef, number: number): Promise<ReactionInfo[]>;
  /**
   * Comments on the thread whose first line is the hidden marker of `kind`, written by an author whose
   * markers we trust: the app itself, or GitHub Actions (`github-actions[bot]`, a bot account), which on
   * this repository's threads can only be this repository's own workflow token (the Action's plan
   * comment). Anyone else can type a marker into a comment; theirs are ignored.
   */
  markedComments(thread: ThreadRef, kind: string): Promise<MarkedComment[]>;
}

export interface MarkedComment {
  id: number;
  url: string;
  /** The marker's key (`devops-agent:<kind>:<key>`): for a plan summary, its root directory. */
  key: string;
}

/** The account GitHub Actions' workflow token comments as. */
export const ACTIONS_BOT = "github-actions[bot]";
/** Comments read while looking for markers: a thread longer than this is read from its start only. */
const MAX_SCANNED = 500;

const Commit = z.object({
  sha: z.string(),
  author: z.object({ login: z.string(), type: z.string() }).nullable(),
  commit: z.object({ author: z.object({ name: z.string() }).nullable() }),
});
const Compare = z.object({
  files: z
    .array(z.object({ filename: z.string(), status: z.string(), previous_filename: z.string().optional() }))
    .default([]),
});
const Comment = z.object({
  id: z.number(),
  html_url: z.string(),
  body: z.string().nullish(),
  user: z.object({ login: z.string(), type: z.string() }).nullish(),
});
const Reaction = z.object({ content: z.string(), user: z.object({ login: z.string() }).nullable() });

const MAX_REACTIONS = 100;

export function createFeedbackApi(octokit: Octokit, options: { botLogin: string }): FeedbackApi {
  const trusted = (user: z.infer<typeof Comment>["user"]) =>
    user != null && (user.login === options.botLogin || (user.login === ACTIONS_BOT && user.type === "Bot"));
  const reactions = (data: unknown) =>
    z
      .array(Reaction)
      .parse(data)
      .map((r) => ({ user: r.user?.login ?? "ghost", content: r.content }));
  return {
    async pullCommits(repo, number) {
      const data = await octokit.paginate(octokit.rest.pulls.listCommits, {
        owner: repo.owner,
        repo: repo.repo,
        pull_number: number,
        per_page: 100,
      });
      return z
        .array(Commit)
        .parse(data)
        .map((c) => {
          const author = c.author?.login ?? c.commit.author?.name ?? "unknown";
          return { sha: c.sha, human: c.author?.type !== "Bot" && !author.endsWith("[bot]"), author };
        });
    },
    async changedFiles(repo, base, head) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner: repo.owner,
        repo: repo.repo,
        basehead: `${base}...${head}`,
        per_page: 100,
      });
      return Compare.parse(data).files.map((f) => ({
        path: f.filename,
        status: f.status,
        previous: f.previous_filename ?? null,
      }));
    },
    async fileAt(repo, path, ref) {
      try {
        const response = await octokit.rest.repos.getContent({
          owner: repo.owner,
          repo: repo.repo,
          path,
          ref,
          mediaType: { format: "raw" },
        });
        return typeof response.data === "string" ? response.data : null;
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
    async commentReactions(repo, commentId) {
      const { data } = await octokit.rest.reactions.listForIssueComment({
        owner: repo.owner,
        repo: repo.repo,
        comment_id: commentId,
        per_page: MAX_REACTIONS,
      });
      return reactions(data);
    },
    async issueReactions(repo, number) {
      const { data } = await octokit.rest.reactions.listForIssue({
        owner: repo.owner,
        repo: repo.repo,
        issue_number: number,
        per_page: MAX_REACTIONS,
      });
      return reactions(data);
    },
    async markedComments(thread, kind) {
      const prefix = `<!-- devops-agent:${kind}:`;
      const out: MarkedComment[] = [];
      let scanned = 0;
      const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: thread.owner,
        repo: thread.repo,
        issue_number: thread.number,
        per_page: 100,
      });
      for await (const page of pages) {
        for (const raw of page.data) {
          const c = Comment.parse(raw);
          const first = (c.body ?? "").split("\n")[0] ?? "";
          const key =
            first.startsWith(prefix) && first.endsWith(" -->") ? first.slice(prefix.length, -4) : null;
          if (key !== null && trusted(c.user)) out.push({ id: c.id, url: c.html_url, key });
        }
        scanned += page.data.length;
        if (scanned >= MAX_SCANNED) break;
      }
      return out;
    },
  };
}
