import { fenceUntrusted } from "./fence.js";
import type { RetrievedDocs } from "./types.js";

/** The retrieved docs as prompt text: each section fenced as untrusted reference data, plus a note when not live. */
export function docsPromptBlock(docs: RetrievedDocs): string {
  if (docs.sections.length === 0) return "No documentation was found for this request.";
  const parts = docs.sections.map((s) =>
    fenceUntrusted(`${s.type} · ${s.heading} · ${s.url} · ${s.source}`, s.text),
  );
  if (!docs.live)
    parts.unshift(
      "Note: some of this documentation is not live (offline schema or expired cache); say so if you rely on it.",
    );
  return parts.join("\n\n");
}

/** Markdown list of the docs consulted, for PR bodies and diagnosis comments. Link text cannot break the markdown. */
export function consultedMarkdown(consulted: RetrievedDocs["consulted"]): string {
  if (consulted.length === 0) return "";
  const lines = consulted.map(
    ({ title, url }) => `- [${title.replace(/[[\]\n\r]/g, " ")}](${encodeURI(decodeSafe(url))})`,
  );
  return ["**Docs consulted**", "", ...lines].join("\n");
}

function decodeSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
