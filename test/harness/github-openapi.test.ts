import { describe, expect, it } from "@jest/globals";
import { checkGitHubRequest, githubApi, takeOpenApiViolations } from "../helpers/github-openapi.js";

describe("the GitHub OpenAPI checker", () => {
  it("accepts a documented request with a valid body", () => {
    expect(checkGitHubRequest("POST", "/repos/o/r/issues/1/comments", { body: "hi" })).toEqual([]);
    expect(checkGitHubRequest("GET", "/repos/o/r/contents/a/b/c.tf?ref=main", undefined)).toEqual([]);
  });

  it("catches a wrong path", () => {
    expect(checkGitHubRequest("POST", "/repos/o/r/issue/1/comments", { body: "hi" })).toEqual([
      "POST /repos/o/r/issue/1/comments is not an operation in GitHub's REST API",
    ]);
  });

  it("catches a wrong method on a real path", () => {
    expect(checkGitHubRequest("PUT", "/repos/o/r/issues/1/comments", { body: "hi" })).toHaveLength(1);
  });

  it("catches a body that breaks the schema", () => {
    expect(checkGitHubRequest("POST", "/repos/o/r/issues/comments/5/reactions", { content: "eye" })).toEqual([
      "post /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions: body/content must be equal to one of the allowed values",
    ]);
    expect(checkGitHubRequest("POST", "/repos/o/r/issues/1/comments", { text: "hi" })).toEqual([
      "post /repos/{owner}/{repo}/issues/{issue_number}/comments: body must have required property 'body'",
      'post /repos/{owner}/{repo}/issues/{issue_number}/comments: body has unknown field "text"',
    ]);
  });

  it("records violations of requests that went through a githubApi() scope", async () => {
    githubApi().post("/repos/o/r/issue/1/comments").reply(201, {});
    await fetch("https://api.github.com/repos/o/r/issue/1/comments", { method: "POST", body: "{}" });
    expect(takeOpenApiViolations()).toEqual([
      "POST /repos/o/r/issue/1/comments is not an operation in GitHub's REST API",
    ]);
  });
});
