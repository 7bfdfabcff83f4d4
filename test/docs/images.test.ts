// The tutorial's images never drift from the code: `npm run docs:images` writes, beside each PNG, the
// Markdown our renderers produced and the HTML page Chromium photographed. Here both are produced again
// by today's code — the PR body by a real `ask --offline` on the demo repository, the plan comment from the
// recorded `terraform show -json`, the diagnosis from the recorded log — and must equal the files.
// No browser needed: if these match, the PNGs were taken of what the code renders now.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { renderPage } from "../../scripts/docs-images/html.js";
import {
  IMAGES,
  askOnDemo,
  diagnosisShot,
  planShot,
  pullRequestShot,
  reviewShot,
  type Shot,
} from "../../scripts/docs-images/sources.js";

const REGENERATE = "out of date: run `npm run docs:images` and commit docs/images/";

function expectRecorded(shot: Shot): void {
  const md = readFileSync(join(IMAGES, `${shot.name}.md`), "utf8");
  const html = readFileSync(join(IMAGES, `${shot.name}.html`), "utf8");
  const markdown = shot.markdown.endsWith("\n") ? shot.markdown : `${shot.markdown}\n`;
  expect({ file: `${shot.name}.md`, text: markdown }).toEqual({ file: `${shot.name}.md`, text: md });
  expect({ file: `${shot.name}.html`, text: renderPage(shot) }).toEqual({
    file: `${shot.name}.html`,
    text: html,
  });
  expect(existsSync(join(IMAGES, `${shot.name}.png`))).toBe(true);
}

describe(`the tutorial's images (${REGENERATE})`, () => {
  it("the pull request body and its review check are what ask and review produce on the demo today", async () => {
    const ask = await askOnDemo();
    try {
      expectRecorded(pullRequestShot(ask));
      expectRecorded(await reviewShot(ask));
    } finally {
      ask.remove();
    }
  }, 60_000);

  it("the plan comment is what the renderer makes of the recorded terraform plan", () => {
    expectRecorded(planShot(readFileSync(join(IMAGES, "src", "plan.json"), "utf8")));
  });

  it("the diagnosis comment is what the diagnosis makes of the recorded CI log", async () => {
    expectRecorded(await diagnosisShot());
  });

  it("the tutorial shows every image the script makes, and only those", () => {
    const tutorial = readFileSync(join(IMAGES, "..", "tutorial.md"), "utf8");
    const shown = [...tutorial.matchAll(/\]\(images\/([\w-]+)\.png\)/g)].map((m) => m[1]).sort();
    expect(shown).toEqual(["diagnosis", "plan-comment", "pull-request", "review-check"]);
  });
});
