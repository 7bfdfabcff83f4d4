import MiniSearch from "minisearch";
import type { RetrievedSection } from "./types.js";

export const DEFAULT_BUDGET_BYTES = 12 * 1024;
const MAX_QUERY_TERMS = 64;
const CUT_NOTE = "\n[… cut to fit the documentation budget]";
const STOPWORDS = new Set(
  "a an and are as at be by for from has have i in is it its of on or that the this to was we with you our need want please create add make".split(
    " ",
  ),
);

/** Query terms worth searching for: no stopwords, no duplicates, bounded so a 20 KB error log stays fast. */
export function queryTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const term of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (term.length > 1 && term.length < 40 && !STOPWORDS.has(term)) terms.add(term);
    if (terms.size >= MAX_QUERY_TERMS) break;
  }
  return [...terms];
}

export function sectionBytes(section: Pick<RetrievedSection, "heading" | "text">): number {
  return Buffer.byteLength(section.heading) + Buffer.byteLength(section.text);
}

/**
 * Ranks sections against the query with BM25 (MiniSearch) and fits the best into `budgetBytes`.
 * Every type first gets its single best section, so one verbose page cannot crowd out the others.
 */
export function rankAndFit(
  candidates: RetrievedSection[],
  query: string,
  budgetBytes = DEFAULT_BUDGET_BYTES,
): RetrievedSection[] {
  const scores = score(candidates, query);
  const order = candidates.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const chosen = new Map<number, RetrievedSection>();
  let left = budgetBytes;
  const take = (index: number, allowCut: boolean): void => {
    const section = candidates[index];
    if (section === undefined || chosen.has(index)) return;
    const size = sectionBytes(section);
    if (size <= left) {
      chosen.set(index, section);
      left -= size;
    } else if (allowCut && left > 512) {
      const cut = cutToBytes(
        section.text,
        left - Buffer.byteLength(section.heading) - Buffer.byteLength(CUT_NOTE),
      );
      chosen.set(index, { ...section, text: `${cut}${CUT_NOTE}` });
      left -= sectionBytes(chosen.get(index) ?? section);
    }
  };
  const firstOfType = new Set<string>();
  for (const index of order) {
    const type = candidates[index]?.type ?? "";
    if (firstOfType.has(type)) continue;
    firstOfType.add(type);
    take(index, true);
  }
  for (const index of order) take(index, false);
  return [...chosen.entries()].sort(([a], [b]) => a - b).map(([, section]) => section);
}

function score(candidates: RetrievedSection[], query: string): number[] {
  const scores = candidates.map((c) => prior(c.heading));
  const terms = queryTerms(query);
  if (terms.length === 0 || candidates.length === 0) return scores;
  const index = new MiniSearch<{ id: number; heading: string; text: string; type: string }>({
    fields: ["heading", "text", "type"],
    // A plain ASCII split is several times faster than the default Unicode tokenizer, and docs are ASCII.
    tokenize: (text) => text.split(/[^A-Za-z0-9]+/),
    processTerm: (term) => {
      const lower = term.toLowerCase();
      return lower.length < 2 || STOPWORDS.has(lower) ? null : lower;
    },
    searchOptions: { boost: { heading: 2, type: 3 }, prefix: (term) => term.length > 3, combineWith: "OR" },
  });
  index.addAll(
    candidates.map((c, id) => ({ id, heading: c.heading, text: c.text, type: c.type.replace(/_/g, " ") })),
  );
  for (const result of index.search(terms.join(" "))) {
    const id = result.id as number;
    scores[id] = (scores[id] ?? 0) + result.score;
  }
  return scores;
}

/** Small head start for the parts of a page that answer most questions, so ties break usefully. */
function prior(heading: string): number {
  const h = heading.toLowerCase();
  if (h.includes("argument reference") && !h.includes("(part ")) return 0.6;
  if (h.includes("argument reference")) return 0.4;
  if (h.startsWith("iam ")) return 0.5;
  if (h.includes("example")) return 0.3;
  return 0;
}

export function cutToBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return "";
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let end = Math.min(text.length, maxBytes);
  for (
    let over = Buffer.byteLength(text.slice(0, end)) - maxBytes;
    over > 0;
    over = Buffer.byteLength(text.slice(0, end)) - maxBytes
  ) {
    end -= Math.max(1, Math.ceil(over / 4));
  }
  const cut = text.slice(0, end);
  const lastBreak = cut.lastIndexOf("\n");
  return lastBreak > end / 2 ? cut.slice(0, lastBreak) : cut;
}
