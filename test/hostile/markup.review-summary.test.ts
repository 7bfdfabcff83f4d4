// The review check run's summary is Markdown built from text the reviewed files control: paths, resource
// names and descriptions inside findings, fix suggestions. Markdown inside an HTML <code> element still
// renders, so none of that text may become a link, an image, HTML or a mention.
import { describe, expect, it } from "@jest/globals";
import { outsideCode, summaryOf } from "./markdown.js";

const LINK = /\[[^\]\n]*\]\s*\(|\]\[|<https?:/i;

describe("review summary: hostile text in findings stays text", () => {
  it("a file path shaped as a Markdown link is not a link", () => {
    const summary = summaryOf({ file: "[Approve here](https://evil.example/login).tf" });
    expect(outsideCode(summary)).not.toMatch(LINK);
    expect(summary).toContain("https://evil.example/login");
  });

  it("a message carrying a link, an image and a reference link renders none of them", () => {
    const summary = summaryOf({
      message:
        'aws_s3_bucket.x description "[docs](https://evil.example) ![p](https://evil.example/p.png) [r][1]"',
    });
    expect(outsideCode(summary)).not.toMatch(LINK);
    expect(outsideCode(summary)).not.toMatch(/!\[/);
  });

  it("raw HTML in a message (an image, a details block, a comment) is escaped", () => {
    const summary = summaryOf({
      message: 'x <img src="https://evil.example/p.png"> <details open> <!-- hidden -->',
    });
    expect(summary).not.toMatch(/<img|<details open|<!--/i);
  });

  it("a suggestion with backticks cannot close its code span and inject a link after it", () => {
    const summary = summaryOf({ suggestion: "remove `x` `` [ok](https://evil.example) ``" });
    expect(outsideCode(summary)).not.toMatch(LINK);
  });

  it("a path with backticks cannot close its code span", () => {
    const summary = summaryOf({ file: "a`](https://evil.example)`.tf" });
    expect(outsideCode(summary)).not.toMatch(LINK);
  });

  it("mentions in a message and a path notify nobody", () => {
    const summary = summaryOf({ file: "@security-team.tf", message: "ping @octocat and @org/admins" });
    expect(outsideCode(summary)).not.toMatch(/(^|[^\w`])@[A-Za-z]/);
  });
});
