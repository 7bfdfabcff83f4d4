// Markdown → a self-contained page that looks like GitHub's rendering of it (a pull request, a bot comment
// or a check run), for headless Chromium to photograph. `marked` renders GitHub-flavoured Markdown
// (tables, task lists, raw <details>); the styles below are ours, modelled on GitHub's light theme.
import { Marked } from "marked";
import type { Shot } from "./sources.js";

const marked = new Marked({ gfm: true, async: false });

const STYLE = `
body { margin: 0; padding: 16px; background: #ffffff; color: #1f2328;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
#frame { width: 860px; border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
.head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; }
.head strong { color: #1f2328; }
.pr-title { font-size: 24px; font-weight: 400; padding: 16px 16px 4px; }
.pr-state { display: inline-block; margin: 0 16px 12px; padding: 4px 12px; border-radius: 2em;
  background: #1f883d; color: #fff; font-weight: 600; font-size: 13px; }
.markdown-body { padding: 16px; word-wrap: break-word; }
.markdown-body > :first-child { margin-top: 0; }
.markdown-body h1, .markdown-body h2 { padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
.markdown-body h1 { font-size: 2em; } .markdown-body h2 { font-size: 1.5em; } .markdown-body h3 { font-size: 1.25em; }
.markdown-body h1, .markdown-body h2, .markdown-body h3, .markdown-body h4 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
.markdown-body p, .markdown-body ul, .markdown-body ol, .markdown-body table, .markdown-body pre,
.markdown-body blockquote, .markdown-body details { margin: 0 0 16px; }
.markdown-body ul, .markdown-body ol { padding-left: 2em; }
.markdown-body code { padding: .2em .4em; font-size: 85%; background: #818b981f; border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
.markdown-body pre { padding: 16px; overflow: auto; font-size: 85%; line-height: 1.45; background: #f6f8fa; border-radius: 6px; }
.markdown-body pre code { padding: 0; background: transparent; font-size: 100%; }
.markdown-body blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-body table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
.markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body th { font-weight: 600; } .markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body summary { cursor: pointer; }
.markdown-body a { color: #0969da; text-decoration: none; }
.markdown-body hr { height: .25em; background: #d1d9e0; border: 0; margin: 24px 0; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function header(shot: Shot): string {
  const title = escapeHtml(shot.frame.title);
  if (shot.frame.kind === "pull-request")
    return `<div class="pr-title">${title}</div><span class="pr-state">Open</span>
<div class="head"><strong>devops-agent</strong> <span>bot</span> wants to merge into <code>main</code></div>`;
  if (shot.frame.kind === "check-run") return `<div class="head">Check run · <strong>${title}</strong></div>`;
  return `<div class="head"><strong>devops-agent</strong> <span>bot</span> commented</div>`;
}

/** The page for one image; the script in it reports the frame's height for the screenshot's size. */
export function renderPage(shot: Shot): string {
  // <details> stay closed, as GitHub shows them until a reader opens one.
  const body = marked.parse(shot.markdown) as string;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(shot.name)}</title>
<style>${STYLE}</style></head>
<body><div id="frame">${header(shot)}
<div class="markdown-body">
${body}</div></div>
<script>document.title = String(Math.ceil(document.getElementById("frame").getBoundingClientRect().bottom) + 16);</script>
</body></html>
`;
}
