import { z } from "zod";
import { commentMarker, finalizeComment } from "../../core/comments/index.js";
import type { Octokit } from "./port.js";
import type { RepoRef } from "./types.js";

export interface OwnedIssue {
  number: number;
  url: string;
  body: string;
  state: "open" | "closed";
}

/** Issues the app owns (drift reports, onboarding): found by label, author and marker, never duplicated. */
export interface IssuesApi {
  /**
   * The issue the app wrote with this marker (`kind:key`) and label (null: any label), or null. Open ones
   * only unless `state: "all"` (onboarding: an issue people closed must never be opened again).
   */
  findOwnedIssue(
    repo: RepoRef,
    label: string | null,
    kind: string,
    key: string,
    options?: { state?: "open" | "all" },
  ): Promise<OwnedIssue | null>;
  /** Opens an issue; title and body pass the redactor, the body starts with the marker. */
  openIssue(
    repo: RepoRef,
    issue: { kind: string; key: string; title: string; body: string; labels: string[] },
  ): Promise<OwnedIssue>;
  /** An issue (not a pull request) and whether the app itself wrote it; null when there is none. */
  getIssue(repo: RepoRef, number: number): Promise<(OwnedIssue & { author: string; byApp: boolean }) | null>;
  /** Rewrites an owned issue's body (and title, when given), and closes it when `close` is set. */
  editIssue(
    repo: RepoRef,
    number: number,
    issue: { kind: string; key: string; title?: string; body: string; close?: boolean },
  ): Promise<void>;
}

const IssueSchema = z.object({
  number: z.number(),
  html_url: z.string(),
  body: z.string().nullish(),
  user: z.object({ login: z.string() }).nullish(),
  state: z.enum(["open", "closed"]).optional(),
  pull_request: z.unknown().optional(),
});

const MAX_PAGES = 10;

const owned = (issue: z.infer<typeof IssueSchema>): OwnedIssue => ({
  number: issue.number,
  url: issue.html_url,
  body: issue.body ?? "",
  state: issue.state ?? "open",
});

export function createIssuesApi(
  octokit: Octokit,
  options: { botLogin: string; redactText: (text: string) => string },
): IssuesApi {
  const body = (kind: string, key: string, text: string) =>
    finalizeComment(commentMarker(kind, key), text, { redactText: options.redactText });
  return {
    async findOwnedIssue(repo, label, kind, key, findOptions = {}) {
      const marker = commentMarker(kind, key);
      let pages = 0;
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
        owner: repo.owner,
        repo: repo.repo,
        ...(label === null ? {} : { labels: label }),
        state: findOptions.state ?? "open",
        creator: options.botLogin,
        per_page: 100,
      });
      for await (const page of iterator) {
        for (const raw of page.data) {
          const issue = IssueSchema.parse(raw);
          if (issue.pull_request !== undefined || issue.user?.login !== options.botLogin) continue;
          if ((issue.body ?? "").split("\n")[0] === marker) return owned(issue);
        }
        if ((pages += 1) >= MAX_PAGES) break;
      }
      return null;
    },
    async getIssue(repo, number) {
      const { data } = await octokit.rest.issues.get({
        owner: repo.owner,
        repo: repo.repo,
        issue_number: number,
      });
      const issue = IssueSchema.parse(data);
      if (issue.pull_request !== undefined) return null;
      const author = issue.user?.login ?? "";
      return { ...owned(issue), author, byApp: author === options.botLogin };
    },
    async openIssue(repo, issue) {
      const { data } = await octokit.rest.issues.create({
        owner: repo.owner,
        repo: repo.repo,
        title: options.redactText(issue.title),
        body: body(issue.kind, issue.key, issue.body),
        labels: issue.labels,
      });
      return owned(IssueSchema.parse(data));
    },
    async editIssue(repo, number, issue) {
      await octokit.rest.issues.update({
        owner: repo.owner,
        repo: repo.repo,
        issue_number: number,
        ...(issue.title === undefined ? {} : { title: options.redactText(issue.title) }),
        body: body(issue.kind, issue.key, issue.body),
        ...(issue.close ? { state: "closed" as const, state_reason: "completed" as const } : {}),
      });
    },
  };
}
