import { z } from "zod";
import { slugOf, pinnedVersion } from "../../core/docs/urls.js";
import type { DocKind } from "../../core/docs/types.js";
import { DocsFetchError } from "./http.js";
import type { PageFetcher, PageResult } from "./pages.js";

const REGISTRY = "https://registry.terraform.io";

const VersionsSchema = z.object({
  included: z
    .array(
      z
        .object({ type: z.string(), id: z.string(), attributes: z.object({ version: z.string() }).loose() })
        .loose(),
    )
    .default([]),
});
const DocListSchema = z.object({ data: z.array(z.object({ id: z.string() }).loose()) });
const DocSchema = z.object({
  data: z.object({ attributes: z.object({ content: z.string() }).loose() }).loose(),
});

/**
 * The registry's v2 API, used when the markdown on GitHub is missing: provider version id → doc id → markdown.
 * Each step goes through the page fetcher, so it is cached and deduplicated like any page.
 */
export async function fetchRegistryDoc(
  pages: PageFetcher,
  type: string,
  kind: DocKind,
  version?: string,
): Promise<PageResult> {
  const versionsUrl = `${REGISTRY}/v2/providers/hashicorp/aws?include=provider-versions`;
  const versions = parseJson(await pages.get(versionsUrl), VersionsSchema);
  const wanted = pinnedVersion(version);
  const candidates = versions.included.filter((v) => v.type === "provider-versions");
  const chosen =
    wanted === undefined ? latest(candidates) : candidates.find((v) => v.attributes.version === wanted);
  if (chosen === undefined)
    throw new DocsFetchError(
      "not_found",
      versionsUrl,
      `the registry lists no hashicorp/aws version ${wanted ?? ""}`.trim(),
    );
  const category = kind === "data" ? "data-sources" : "resources";
  const query = [
    `filter%5Bprovider-version%5D=${encodeURIComponent(chosen.id)}`,
    `filter%5Bcategory%5D=${category}`,
    `filter%5Bslug%5D=${encodeURIComponent(slugOf(type))}`,
    "filter%5Blanguage%5D=hcl",
    "page%5Bsize%5D=1",
  ].join("&");
  const listUrl = `${REGISTRY}/v2/provider-docs?${query}`;
  const list = parseJson(await pages.get(listUrl), DocListSchema);
  const docId = list.data[0]?.id;
  if (docId === undefined)
    throw new DocsFetchError("not_found", listUrl, `the registry has no ${category} page for ${type}`);
  const docPage = await pages.get(`${REGISTRY}/v2/provider-docs/${encodeURIComponent(docId)}`);
  return { ...docPage, body: parseJson(docPage, DocSchema).data.attributes.content };
}

function parseJson<T>(page: PageResult, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(page.body);
  } catch {
    throw new DocsFetchError("http", page.url, "the registry answered with something that is not JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocsFetchError(
      "http",
      page.url,
      `unexpected registry answer at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}

function latest<T extends { attributes: { version: string } }>(versions: T[]): T | undefined {
  const key = (v: string): number[] => (/^\d+\.\d+\.\d+$/.test(v) ? v.split(".").map(Number) : [-1]);
  return versions.reduce<T | undefined>((best, v) => {
    if (best === undefined) return key(v.attributes.version)[0] === -1 ? undefined : v;
    const [a, b] = [key(v.attributes.version), key(best.attributes.version)];
    for (let i = 0; i < 3; i += 1)
      if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) > (b[i] ?? -1) ? v : best;
    return best;
  }, undefined);
}
