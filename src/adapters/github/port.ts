import type { ProbotOctokit } from "probot";
import { z } from "zod";
import { commentMarker, finalizeComment } from "../../core/comments/index.js";
import type { PermissionLevel } from "../../core/config/index.js";
import { dispatchWorkflow, getPullRequest, proposePullRequest } from "./pulls.js";
import { createApplyApi } from "./apply.js";
import { createChecksApi } from "./checks.js";
import { createFeedbackApi } from "./feedback.js";
import { createIssuesApi } from "./issues.js";
import { createHistoryApi } from "./history.js";
import { createProvenanceApi } from "./provenance.js";
import { createRunsApi } from "./runs.js";
import { statusOf } from "./status.js";
import type { GitHubPort, OwnedComment, RepoRef, ThreadRef } from "./types.js";

export type Octokit = InstanceType<typeof ProbotOctokit>;

export interface GitHubPortOptions {
  redactText: (text: string) => string;
  /** Login of the app's bot user (`<slug>[bot]`): only its comments are ever found, edited or believed. */
  botLogin: string;
}

const CommentSchema = z.object({
  id: z.number(),
  html_url: z.string(),
  body: z.string().nullish(),
  user: z.object({ login: z.string(), type: z.string() }).nullish(),
});

const PermissionSchema = z.object({ permission: z.string(), role_name: z.string().optional() });

const LEVELS: readonly PermissionLevel[] = ["read", "triage", "write", "maintain", "admin"];

export function createGitHubPort(octokit: Octokit, options: GitHubPortOptions): GitHubPort {
  const ownedBy = (user: { login: string; type: string } | null | undefined) =>
    user != null && user.login === options.botLogin;

  const findComment = async (thread: ThreadRef, kind: string, key: string | number) => {
    const marker = commentMarker(kind, key);
    const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner: thread.owner,
      repo: thread.repo,
      issue_number: thread.number,
      per_page: 100,
    });
    for await (const page of iterator) {
      for (const raw of page.data) {
        const comment = CommentSchema.parse(raw);
        if (ownedBy(comment.user) && comment.body?.startsWith(marker)) {
          return { id: comment.id, url: comment.html_url, body: comment.body };
        }
      }
    }
    return null;
  };

  const repoOf = (ref: RepoRef): RepoRef => ({ owner: ref.owner, repo: ref.repo });
  return {
    ...createRunsApi(octokit, options),
    ...createHistoryApi(octokit),
    ...createFeedbackApi(octokit, options),
    ...createProvenanceApi(octokit),
    ...createApplyApi(octokit),
    ...createChecksApi(octokit),
    ...createIssuesApi(octokit, options),
    findComment,
    async upsertComment(thread, kind, key, body, upsertOptions = {}) {
      const text = finalizeComment(commentMarker(kind, key), body, {
        redactText: options.redactText,
        ...(upsertOptions.fullTextAt ? { fullTextAt: upsertOptions.fullTextAt } : {}),
      });
      const existing = await findComment(thread, kind, key);
      const repo = repoOf(thread);
      if (existing) {
        if (existing.body === text) return { ...existing, created: false };
        const { data } = await octokit.rest.issues.updateComment({
          ...repo,
          comment_id: existing.id,
          body: text,
        });
        return { ...toOwned(data), created: false };
      }
      const { data } = await octokit.rest.issues.createComment({
        ...repo,
        issue_number: thread.number,
        body: text,
      });
      return { ...toOwned(data), created: true };
    },
    async updateComment(repo, id, kind, key, body) {
      const text = finalizeComment(commentMarker(kind, key), body, { redactText: options.redactText });
      const { data } = await octokit.rest.issues.updateComment({
        ...repoOf(repo),
        comment_id: id,
        body: text,
      });
      return toOwned(data);
    },
    async postOnce(thread, kind, key, body) {
      if (await findComment(thread, kind, key)) return null;
      const text = finalizeComment(commentMarker(kind, key), body, { redactText: options.redactText });
      const { data } = await octokit.rest.issues.createComment({
        ...repoOf(thread),
        issue_number: thread.number,
        body: text,
      });
      return toOwned(data);
    },
    async react(repo: RepoRef, commentId, reaction) {
      await octokit.rest.reactions.createForIssueComment({
        ...repoOf(repo),
        comment_id: commentId,
        content: reaction,
      });
    },
    async permissionOf(repo, username) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
          ...repoOf(repo),
          username,
        });
        const parsed = PermissionSchema.parse(data);
        const role = parsed.role_name as PermissionLevel | undefined;
        if (role && LEVELS.includes(role)) return role;
        return LEVELS.includes(parsed.permission as PermissionLevel)
          ? (parsed.permission as PermissionLevel)
          : "none";
      } catch (error) {
        // GitHub answers 404 for users who are not collaborators at all.
        if (statusOf(error) === 404) return "none";
        throw error;
      }
    },
    pullRequest: (thread) => getPullRequest(octokit, thread),
    proposePullRequest: (repo, draft) =>
      proposePullRequest(octokit, repoOf(repo), {
        ...draft,
        // Every outgoing string passes the redactor here, whatever the caller did before.
        title: options.redactText(draft.title),
        head: safeRef(draft.head, options.redactText),
        base: safeRef(draft.base, options.redactText),
        body: finalizeComment(commentMarker("pr", draft.head), draft.body, {
          redactText: options.redactText,
        }),
      }),
    dispatchWorkflow: (thread, file, ref, inputs) =>
      dispatchWorkflow(
        octokit,
        thread,
        file,
        ref,
        Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, options.redactText(v)])),
      ),
    async readFile(repo, path) {
      try {
        const response = await octokit.rest.repos.getContent({
          ...repoOf(repo),
          path,
          mediaType: { format: "raw" },
        });
        return typeof response.data === "string" ? response.data : null;
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
  };
}

/** A branch name that would change under redaction is refused, not sent half-redacted. */
function safeRef(ref: string, redactText: (text: string) => string): string {
  if (redactText(ref) !== ref) throw new Error("refusing a branch name that looks like it contains a secret");
  return ref;
}

function toOwned(data: unknown): OwnedComment {
  const comment = CommentSchema.parse(data);
  return { id: comment.id, url: comment.html_url, body: comment.body ?? "" };
}

export function atLeast(level: PermissionLevel | "none", minimum: PermissionLevel): boolean {
  return level !== "none" && LEVELS.indexOf(level) >= LEVELS.indexOf(minimum);
}
