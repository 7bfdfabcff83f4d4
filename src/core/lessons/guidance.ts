import { moduleStatement } from "./feedback-text.js";
import { moduleSourceAllowed } from "./guard.js";
import { namingPrefixAllowed } from "./naming.js";
import type { Lesson } from "./types.js";

/** Files a repository writes its conventions in, for people and agents alike. */
export const GUIDANCE_FILES = ["AGENTS.md", "CONTRIBUTING.md"] as const;
const MAX_TEXT = 8_000;
const INFRA_HEADING = /infra|terraform|aws|cloud|deploy|devops|iac\b/i;
// "Resource names start with `${var.env}-`", "names use the ${var.env}- prefix".
const NAMING =
  /\bnames?\b[^`$]{0,40}?(?:start with|begin with|use|are prefixed with|prefix(?:ed)? with)\s+(?:the\s+)?[`"']?(\$\{[^`"'\s]+\})[-_.]?[`"']?/i;

export interface GuidanceText {
  path: string;
  /** The part of the file that speaks about infrastructure, as the agent reads it. */
  text: string;
}

/**
 * The part of a guidance file the agent reads: all of AGENTS.md (written for agents), and from
 * CONTRIBUTING.md only the sections whose heading is about infrastructure. Capped in size.
 */
export function guidanceText(path: string, content: string): GuidanceText | null {
  const text = path === "AGENTS.md" ? content : infraSections(content);
  const trimmed = text.trim().slice(0, MAX_TEXT);
  return trimmed === "" ? null : { path, text: trimmed };
}

function infraSections(markdown: string): string {
  const out: string[] = [];
  let level = 0;
  let keep = false;
  for (const line of markdown.split("\n")) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const depth = heading[1]?.length ?? 1;
      if (!keep || depth <= level) {
        keep = INFRA_HEADING.test(heading[2] ?? "");
        level = depth;
      }
    }
    if (keep) out.push(line);
  }
  return out.join("\n");
}

/**
 * Conventions the offline path can apply, read deterministically from the guidance line by line: a module
 * to use for a kind of resource, a naming prefix. Everything else stays text for a model, fenced as data.
 * The same guards as for feedback apply: local, unprotected modules; interpolation-only prefixes.
 */
export function guidanceLessons(
  guidance: readonly GuidanceText[],
  isProtected: (path: string) => boolean,
  /** Ids maintainers forgot (`forgotten:` in the lessons file, `/agent forget`): the text stays, unused. */
  forgotten: ReadonlySet<string> = new Set(),
): Lesson[] {
  const out = new Map<string, Lesson>();
  for (const { path, text } of guidance) {
    for (const raw of text.split("\n")) {
      const line = raw.replace(/^\s*(?:[-*+]|\d+\.)\s+/, "").trim();
      if (line === "" || line.length > 300) continue;
      const said = (id: string): Pick<Lesson, "id" | "summary" | "strength" | "evidence"> => ({
        id,
        summary: `\`${path}\` says: ${line.replace(/`/g, "")}`,
        strength: { count: 1, total: 1 },
        evidence: [path],
      });
      const module = moduleStatement(line.replace(/`/g, ""));
      if (module && moduleSourceAllowed(module.source, isProtected).ok) {
        const id = `guide.module.${module.resourceType}`;
        if (!out.has(id))
          out.set(id, {
            ...said(id),
            scope: { resource_type: module.resourceType, command: "request" },
            module: { source: module.source },
          });
        continue;
      }
      const prefix = NAMING.exec(line)?.[1];
      if (prefix && namingPrefixAllowed(prefix) && !out.has("guide.naming.prefix"))
        out.set("guide.naming.prefix", {
          ...said("guide.naming.prefix"),
          scope: { command: "request" },
          naming: { prefix },
        });
    }
  }
  return [...out.values()].filter((l) => !forgotten.has(l.id));
}
