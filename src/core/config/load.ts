import { isMap, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { DEFAULT_REPO_CONFIG, RepoConfigSchema, type RepoConfig } from "./schema.js";

export interface ConfigProblem {
  /** Dotted field path, e.g. `autofix.maxAttempts`; empty for the file as a whole. */
  field: string;
  line: number | null;
  message: string;
}

export interface LoadedConfig {
  config: RepoConfig;
  /** When non-empty the file was rejected and `config` holds the defaults. */
  problems: ConfigProblem[];
}

/** Parses the text of `.github/devops-agent.yml`; a broken file yields the defaults plus its problems. */
export function parseRepoConfig(text: string | null): LoadedConfig {
  if (text === null || text.trim() === "") return { config: DEFAULT_REPO_CONFIG, problems: [] };
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      field: "",
      line: e.linePos?.[0]?.line ?? null,
      message: `invalid YAML: ${e.message.split("\n")[0] ?? e.code}`,
    }));
    return { config: DEFAULT_REPO_CONFIG, problems };
  }
  const data: unknown = doc.toJS() ?? {};
  const result = RepoConfigSchema.safeParse(data);
  if (result.success) return { config: result.data, problems: [] };
  return {
    config: DEFAULT_REPO_CONFIG,
    problems: result.error.issues.map((i) => describeIssue(i, doc, text)),
  };
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document, text: string): ConfigProblem {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys;
    const at = [...path, keys[0] ?? ""];
    return {
      field: at.filter(Boolean).join("."),
      line: lineOf(doc, at, text, true),
      message: `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`,
    };
  }
  return { field: path.join("."), line: lineOf(doc, path, text, false), message: issue.message };
}

function lineOf(doc: Document, path: string[], text: string, keyItself: boolean): number | null {
  let node: unknown = doc.contents;
  for (const [index, segment] of path.entries()) {
    // A list item (`protectedPaths.1`) is found by position.
    if (isSeq(node) && /^\d+$/.test(segment)) {
      node = node.items[Number(segment)];
      const range = (node as Node | null)?.range;
      if (index === path.length - 1 && range) return text.slice(0, range[0]).split("\n").length;
      continue;
    }
    if (!isMap(node)) break;
    const pair = node.items.find((p) => String((p.key as Node | null)?.toJSON?.() ?? p.key) === segment);
    if (!pair) break;
    const isLast = index === path.length - 1;
    const target = (isLast && keyItself) || pair.value === null ? pair.key : pair.value;
    node = pair.value;
    const range = (target as Node | null)?.range;
    if (isLast && range) return text.slice(0, range[0]).split("\n").length;
  }
  const range = (node as Node | null)?.range;
  return range ? text.slice(0, range[0]).split("\n").length : null;
}
