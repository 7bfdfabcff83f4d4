import type { DocKind } from "./types.js";

const EXACT_VERSION = /^\s*(?:=\s*)?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\s*$/;

/** The exact provider version a constraint pins ("5.31.0", "= 5.31.0"), or undefined for ranges like "~> 5.0". */
export function pinnedVersion(constraint: string | undefined): string | undefined {
  return constraint === undefined ? undefined : EXACT_VERSION.exec(constraint)?.[1];
}

/** Git ref of the provider docs: the release tag when the repo pins a version, else main. */
export function docsRef(version: string | undefined): string {
  const pinned = pinnedVersion(version);
  return pinned === undefined ? "main" : `v${pinned}`;
}

export function slugOf(type: string): string {
  return type.replace(/^data\./, "").replace(/^aws_/, "");
}

export function rawMarkdownUrl(type: string, kind: DocKind, version?: string): string {
  const folder = kind === "data" ? "d" : "r";
  return `https://raw.githubusercontent.com/hashicorp/terraform-provider-aws/${docsRef(version)}/website/docs/${folder}/${slugOf(type)}.html.markdown`;
}

/** The page a human follows: the registry's rendered docs for that version. */
export function registryPageUrl(type: string, kind: DocKind, version?: string): string {
  const category = kind === "data" ? "data-sources" : "resources";
  return `https://registry.terraform.io/providers/hashicorp/aws/${pinnedVersion(version) ?? "latest"}/docs/${category}/${slugOf(type)}`;
}

/** Levenshtein distance, bounded: stops early once above `max`. */
export function editDistance(a: string, b: string, max = 8): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = row;
  }
  return previous[b.length] ?? max + 1;
}

/** Closest known names to `name`, best first: small edit distance, or one containing the other. */
export function didYouMean(name: string, known: Iterable<string>, limit = 3): string[] {
  const scored: [string, number][] = [];
  const max = Math.max(2, Math.floor(name.length / 4));
  for (const candidate of known) {
    const distance = editDistance(name, candidate, max);
    if (distance <= max) scored.push([candidate, distance]);
    else if (candidate.includes(name) || name.includes(candidate))
      scored.push([candidate, max + Math.abs(candidate.length - name.length) / 10]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}
