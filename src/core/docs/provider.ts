import { parse as parseYaml } from "yaml";
import { splitMarkdown, toSections, type MarkdownBlock } from "./markdown.js";
import type { ArgumentDoc, DocKind, ProviderDoc, ProviderFrontMatter } from "./types.js";

const SECTION_BYTES = 2_500;
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
// "* `name` - (Required) text", also with "–", ":" or no separator, as the provider docs vary.
const ITEM = /^[ \t]*[*-][ \t]+`([A-Za-z0-9_.\-[\]]+)`[ \t]*(?:[-–—:][ \t]*)?(.*)$/;
const BLOCK_INTRO =
  /^(?:the\s+)?`([a-z0-9_]+)`\s+(?:\S+\s+){0,3}(?:supports|contains|has|exports|includes)\b/i;

/** Parses one page of the AWS provider's published markdown docs. Tolerates malformed input. */
export function parseProviderMarkdown(markdown: string, type: string, kind: DocKind): ProviderDoc {
  const { frontMatter, body } = splitFrontMatter(markdown);
  const blocks = splitMarkdown(body);
  const title = blocks.find((b) => b.level === 1)?.heading ?? type;
  const doc: ProviderDoc = {
    type,
    kind,
    frontMatter,
    title,
    description: descriptionOf(blocks, frontMatter),
    examples: [],
    arguments: [],
    attributes: [],
    importText: "",
    sections: toSections(blocks, SECTION_BYTES),
  };
  let area: "none" | "examples" | "arguments" | "attributes" | "import" = "none";
  for (const block of blocks) {
    if (block.level <= 2) area = areaOf(block.heading) ?? (block.level === 2 ? "none" : area);
    else if (area === "none" && areaOf(block.heading) !== undefined) area = areaOf(block.heading) ?? "none";
    if (area === "examples") doc.examples.push(...codeBlocks(block.body));
    if (area === "arguments") doc.arguments.push(...argumentItems(block, blockNameOfHeading(block)));
    if (area === "attributes") doc.attributes.push(...argumentItems(block, blockNameOfHeading(block)));
    if (area === "import") doc.importText = [doc.importText, block.body].filter((t) => t !== "").join("\n\n");
  }
  return doc;
}

function areaOf(heading: string): "examples" | "arguments" | "attributes" | "import" | undefined {
  const h = heading.toLowerCase();
  if (h.startsWith("example")) return "examples";
  if (h.startsWith("argument")) return "arguments";
  if (h.startsWith("attribute")) return "attributes";
  if (h.startsWith("import")) return "import";
  return undefined;
}

export function splitFrontMatter(markdown: string): { frontMatter: ProviderFrontMatter; body: string } {
  const empty: ProviderFrontMatter = { subcategory: "", layout: "", pageTitle: "", description: "" };
  const match = FRONT_MATTER.exec(markdown);
  if (match?.[1] === undefined) return { frontMatter: empty, body: markdown };
  const body = markdown.slice(match[0].length);
  let data: unknown;
  try {
    // Failsafe: every scalar stays a string; a repeated key keeps its last value, as docs pages expect.
    data = parseYaml(match[1], { schema: "failsafe", uniqueKeys: false });
  } catch {
    return { frontMatter: empty, body };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) return { frontMatter: empty, body };
  const field = (key: string): string => {
    const value = (data as Record<string, unknown>)[key];
    return typeof value === "string" ? value.trim() : "";
  };
  return {
    frontMatter: {
      subcategory: field("subcategory"),
      layout: field("layout"),
      pageTitle: field("page_title"),
      description: field("description"),
    },
    body,
  };
}

function descriptionOf(blocks: MarkdownBlock[], frontMatter: ProviderFrontMatter): string {
  const intro = blocks.find((b) => b.level === 1) ?? blocks.find((b) => b.level === 0);
  const text = intro?.body.split(/\n\s*\n/)[0]?.trim() ?? "";
  return text !== "" ? text : frontMatter.description;
}

function codeBlocks(body: string): string[] {
  const out: string[] = [];
  const fence = /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^[ \t]{0,3}\1[ \t]*$/gm;
  for (const match of body.matchAll(fence)) if (match[2] !== undefined) out.push(match[2].trimEnd());
  return out;
}

function blockNameOfHeading(block: MarkdownBlock): string {
  if (block.level <= 2) return "";
  const ticked = /`([a-z0-9_]+)`/.exec(block.heading);
  if (ticked?.[1] !== undefined) return ticked[1];
  const word = /^([a-z0-9_]+)\b/.exec(block.heading);
  return word?.[1] ?? "";
}

function argumentItems(block: MarkdownBlock, headingBlock: string): ArgumentDoc[] {
  const items: ArgumentDoc[] = [];
  let current: ArgumentDoc | undefined;
  let blockName = headingBlock;
  let inFence = false;
  for (const line of block.body.split("\n")) {
    if (/^[ \t]{0,3}(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const item = ITEM.exec(line);
    if (item?.[1] !== undefined) {
      const text = (item[2] ?? "").trim();
      current = {
        name: item[1],
        required: /^\(\s*required\b/i.test(text),
        description: text,
        block: blockName,
      };
      items.push(current);
      continue;
    }
    const intro = BLOCK_INTRO.exec(line.trim());
    if (intro?.[1] !== undefined) {
      blockName = intro[1];
      current = undefined;
    } else if (line.trim() === "") current = undefined;
    else if (current !== undefined && !/^\s*[~!-]>/.test(line)) current.description += ` ${line.trim()}`;
  }
  return items;
}
