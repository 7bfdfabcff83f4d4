import { HTMLElement, NodeType, parse, type Node } from "node-html-parser";
import { chunkText } from "./markdown.js";
import type { DocSection } from "./types.js";
import { INVISIBLE } from "../text/invisible.js";

const SECTION_BYTES = 2_500;
const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "nav",
  "header",
  "footer",
  "svg",
  "iframe",
  "form",
  "button",
  "template",
  "head",
]);
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const BLOCKS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "li",
  "dt",
  "dd",
  "blockquote",
  "table",
  "tr",
  "ul",
  "ol",
  "dl",
  "br",
]);
const MAIN = ["#main-col-body", "#main-content", "main", "[role=main]", "article", "body"];

export interface HtmlPage {
  title: string;
  sections: DocSection[];
}

/** Parses an HTML page into clean text sections keyed by their heading. Never throws on malformed HTML. */
export function parseHtmlPage(html: string): HtmlPage {
  const root = parse(html, {
    comment: false,
    blockTextElements: { script: false, style: false, noscript: false },
  });
  const title = clean(root.querySelector("title")?.text ?? "") || clean(root.querySelector("h1")?.text ?? "");
  const main = MAIN.map((selector) => safeSelect(root, selector)).find((el) => el !== null) ?? root;
  const collector = new Collector();
  walk(main, collector);
  return { title, sections: collector.finish() };
}

function safeSelect(root: HTMLElement, selector: string): HTMLElement | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

class Collector {
  private readonly sections: DocSection[] = [];
  private readonly path: string[] = [];
  private lines: string[] = [];
  private line = "";

  text(value: string): void {
    this.line += value;
  }

  breakLine(): void {
    const trimmed = clean(this.line);
    // A list bullet or table pipe waits for the text of its item rather than standing alone on a line.
    if (trimmed === "-" || trimmed === "|") return;
    if (trimmed !== "") this.lines.push(trimmed);
    this.line = "";
  }

  raw(value: string): void {
    this.breakLine();
    this.lines.push(value);
  }

  heading(level: number, text: string): void {
    this.flush();
    this.path.length = Math.min(this.path.length, level - 1);
    this.path.push(text);
  }

  private flush(): void {
    this.breakLine();
    const body = this.lines.join("\n").trim();
    this.lines = [];
    if (body === "") return;
    const heading = this.path.filter((h) => h !== "").join(" > ") || "Overview";
    const parts = chunkText(body, SECTION_BYTES);
    parts.forEach((text, i) =>
      this.sections.push({ heading: parts.length > 1 ? `${heading} (part ${i + 1})` : heading, text }),
    );
  }

  finish(): DocSection[] {
    this.flush();
    return this.sections;
  }
}

function walk(node: Node, out: Collector): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    out.text(node.text);
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const tag = node.tagName?.toLowerCase() ?? "";
  if (SKIP.has(tag) || node.getAttribute("aria-hidden") === "true") return;
  const level = HEADINGS[tag];
  if (level !== undefined) {
    out.heading(level, clean(node.text));
    return;
  }
  if (tag === "pre") {
    out.raw(["```", node.text.replace(/\s+$/, ""), "```"].join("\n"));
    return;
  }
  if (BLOCKS.has(tag)) out.breakLine();
  if (tag === "li") out.text("- ");
  if (tag === "td" || tag === "th") out.text(" | ");
  for (const child of node.childNodes) walk(child, out);
  if (BLOCKS.has(tag)) out.breakLine();
}

/** Collapses whitespace and drops characters that hide text from a human reader (zero-width, bidi controls). */
export function clean(text: string): string {
  return text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}
