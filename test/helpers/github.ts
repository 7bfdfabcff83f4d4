// Small typed builders for the GitHub answers the app needs, on an OpenAPI-checked scope.
import type nock from "nock";
import { githubApi } from "./github-openapi.js";

export const REPO = "/repos/Codertocat/Hello-World";

export interface CommentFixture {
  id: number;
  body: string;
  login?: string;
  type?: string;
}

export function comment(c: CommentFixture) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `https://api.github.com${REPO}/issues/comments/${c.id}`,
    html_url: `https://github.com/Codertocat/Hello-World/issues/1#issuecomment-${c.id}`,
    body: c.body,
    user: { login: c.login ?? "devops-agent[bot]", id: 9, type: c.type ?? "Bot" },
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  };
}

/** A fluent builder over one scope: `gh().noConfig().permission("alice", "write")…`. */
export function gh(scope: nock.Scope = githubApi()) {
  const api = {
    scope,
    noConfig() {
      scope.get(`${REPO}/contents/.github%2Fdevops-agent.yml`).reply(404, { message: "Not Found" });
      return api;
    },
    config(text: string) {
      scope
        .get(`${REPO}/contents/.github%2Fdevops-agent.yml`)
        .reply(200, text, { "content-type": "application/vnd.github.raw; charset=utf-8" });
      return api;
    },
    permission(login: string, permission: "admin" | "write" | "read" | "none", role?: string) {
      scope
        .get(`${REPO}/collaborators/${login}/permission`)
        .reply(200, { permission, role_name: role ?? permission, user: { login } });
      return api;
    },
    reaction(commentId: number, content = "eyes") {
      scope
        .post(`${REPO}/issues/comments/${commentId}/reactions`, { content })
        .reply(201, { id: 1, content, user: { login: "devops-agent[bot]" } });
      return api;
    },
    comments(issue: number, existing: CommentFixture[] = []) {
      scope.get(`${REPO}/issues/${issue}/comments`).query(true).reply(200, existing.map(comment));
      return api;
    },
    /** Expects a new comment and hands its body to `capture`. */
    createComment(issue: number, capture: (body: string) => void, id = 500) {
      scope.post(`${REPO}/issues/${issue}/comments`).reply(201, (_uri, body) => {
        const text = (body as { body: string }).body;
        capture(text);
        return comment({ id, body: text });
      });
      return api;
    },
    updateComment(id: number, capture: (body: string) => void) {
      scope.patch(`${REPO}/issues/comments/${id}`).reply(200, (_uri, body) => {
        const text = (body as { body: string }).body;
        capture(text);
        return comment({ id, body: text });
      });
      return api;
    },
  };
  return api;
}
