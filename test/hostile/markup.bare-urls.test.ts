// GitHub's autolink extension turns a bare web address into a live link even inside escaped prose. Text the
// app quotes through plainText (review findings, plan reasons, apply results) must show an address as
// characters, never as a link somebody could be lured into clicking from the bot's comment.
import { describe, expect, it } from "@jest/globals";
import { plainText } from "../../src/core/text/markdown.js";
import { outsideCode, summaryOf } from "./markdown.js";

const BARE = /https?:\/\/|www\./i;

describe("bare web addresses in quoted text stay text", () => {
  it("an https address in a finding message is quoted as code, not autolinked", () => {
    const summary = summaryOf({
      message: "bucket is public: re-approve at https://evil.example/login?next=/org",
    });
    expect(outsideCode(summary)).not.toMatch(BARE);
    expect(summary).toContain("`https://evil.example/login?next=/org`");
  });

  it("a www. address without a scheme is quoted as code too", () => {
    const text = plainText("mirror at www.evil.example/terraform for faster plans");
    expect(outsideCode(text)).not.toMatch(BARE);
    expect(text).toContain("`www.evil.example/terraform`");
  });

  it("an address wrapped in backticks of its own cannot close the quoting span", () => {
    const text = plainText("see `https://evil.example/a` and ``https://evil.example/b``");
    expect(outsideCode(text)).not.toMatch(BARE);
  });

  it("an address beside a mention quiets both", () => {
    const text = plainText("@octo-org/admins urgent: http://evil.example/sso");
    expect(outsideCode(text)).not.toMatch(BARE);
    expect(outsideCode(text)).not.toMatch(/@octo/);
  });
});
