import { redact } from "../../core/redact/index.js";
import type { Finding, ParsedFile } from "../../core/terraform/types.js";
import { type HclParser, createHclParser } from "../hcl/index.js";
import { type ReadTreeOptions, type TerraformSource, readTerraformTree } from "./tree.js";

export interface LoadOptions extends ReadTreeOptions {
  parser?: HclParser;
  /** Parses in flight at once. The WASM parser is single-threaded but answers on a timer tick, so a few
   * outstanding calls keep it busy instead of idle between files. */
  concurrency?: number;
}

export interface LoadedDirectory {
  root: string;
  files: ParsedFile[];
  /** Read problems and parse failures, sorted by file then line. */
  errors: Finding[];
}

const DEFAULT_CONCURRENCY = 64;

/** Reads every Terraform file under `root` and parses it; a file that fails becomes a finding. */
export async function loadTerraformDirectory(
  root: string,
  options: LoadOptions = {},
): Promise<LoadedDirectory> {
  const tree = await readTerraformTree(root, options);
  const parser = options.parser ?? createHclParser();
  const parsed = await parseAll(tree.files, parser, Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
  const files: ParsedFile[] = [];
  const errors = [...tree.findings];
  for (const outcome of parsed) {
    if ("body" in outcome) files.push(outcome);
    else errors.push(outcome);
  }
  errors.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
  return { root: tree.root, files, errors };
}

async function parseAll(
  sources: TerraformSource[],
  parser: HclParser,
  concurrency: number,
): Promise<Array<ParsedFile | Finding>> {
  const results = new Array<ParsedFile | Finding>(sources.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const index = next++;
      const source = sources[index];
      if (source !== undefined) results[index] = await parseOne(source, parser);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, worker));
  return results;
}

async function parseOne(source: TerraformSource, parser: HclParser): Promise<ParsedFile | Finding> {
  const result = await parser.parse(source.path, source.content);
  if (result.ok) return { path: source.path, content: source.content, body: result.body };
  const where = result.error.column === null ? "" : ` (column ${result.error.column})`;
  return {
    file: source.path,
    line: result.error.line,
    severity: "error",
    code: "parse_error",
    message: redact(`${result.error.message}${where}`),
    suggestion: null,
  };
}
