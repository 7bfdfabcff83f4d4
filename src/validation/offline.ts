import type { HclParser } from "../adapters/hcl/index.js";
import { formatHcl } from "../adapters/hcl/format.js";
import { contentKey, sharedParser } from "./parse-cache.js";
import { isTerraformFile, loadTerraformDirectory } from "../adapters/terraform/index.js";
import { redact, redactDeep } from "../core/redact/index.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isTerraformHcl } from "../core/terraform/files.js";
import {
  type AwsProviderSchema,
  type SchemaVersion,
  awsVersionConstraint,
  schemaFor,
} from "../core/terraform/schema/index.js";
import { checkSemantics } from "../core/terraform/semantic/index.js";
import { type Finding, type ParsedFile, dirOf } from "../core/terraform/types.js";
import { VALIDATION_CODES, sortFindings, validateAgainstSchema } from "../core/terraform/validate/index.js";

export interface ValidationResult {
  /** False when any finding is an error; warnings (formatting) alone keep it true. */
  ok: boolean;
  findings: Finding[];
  /** Terraform files that were read, parsed or not. */
  filesChecked: number;
  /** Directories holding parsed Terraform files (`""` for the root), i.e. the modules checked. */
  modules: string[];
  /** The provider schema checked against, and why that one (the repository's constraint and lock). */
  schema: {
    version: SchemaVersion;
    note: string;
    /** Which cross-argument rules (conflicts, one-of, required-with) were applied, and from what source. */
    constraints?: string;
  };
}

export interface ValidateDeps {
  parser?: HclParser;
  /** A fixed schema; by default the bundled one matching the files' hashicorp/aws constraint and lock. */
  schema?: AwsProviderSchema;
  /**
   * Terraform's own checks (references, types, duplicates, module inputs). Default on for directories;
   * off for `validateFiles`, whose files may be only part of a module.
   */
  semantic?: boolean;
  /** `terraform fmt` layout of a file; defaults to the hcl-tools formatter. */
  format?: (content: string) => Promise<string>;
}

// Terraform files that were found but could not be checked still count as files of the configuration.
const UNUSABLE_FILE = new Set(["parse_error", "binary_file", "file_too_large", "unreadable_file"]);
// The formatter's WASM module answers on a timer tick: a few calls in flight keep it busy; many thrash it.
const FORMAT_CONCURRENCY = 4;
// Same cap as the directory reader: an agent-written file this large is a bug, not infrastructure.
const MAX_FILE_BYTES = 2 * 1024 * 1024;
// The root module's lock file: the provider version terraform will actually use.
const LOCK_FILE = ".terraform.lock.hcl";

/** Validates every Terraform file under `root`. Throws `TerraformRootError` when `root` cannot be scanned. */
export async function validateDirectory(root: string, deps: ValidateDeps = {}): Promise<ValidationResult> {
  const { parsed: _parsed, ...result } = await validateDirectoryParsed(root, deps);
  return result;
}

/** The same, also handing back the files that parsed, for the layers that read the tree again (policy). */
export async function validateDirectoryParsed(
  root: string,
  deps: ValidateDeps = {},
): Promise<ValidationResult & { parsed: ParsedFile[] }> {
  const parser = deps.parser ?? sharedParser();
  const loaded = await loadTerraformDirectory(root, { parser });
  const unusable = loaded.errors.filter((e) => UNUSABLE_FILE.has(e.code));
  const filesChecked = loaded.files.length + new Set(unusable.map((e) => e.file)).size;
  const lock = await readFile(join(root, LOCK_FILE), "utf8").catch(() => null);
  return finish(loaded.files, loaded.errors, filesChecked, lock, deps);
}

/**
 * Validates files held in memory (the agent checks what it wrote before committing). Only Terraform paths
 * (`.tf`, `.tf.json`, `.tofu`, `.tofu.json`) are checked; anything else (a Lambda's Python, a README) is not Terraform and is skipped.
 */
export async function validateFiles(
  files: readonly { path: string; content: string }[],
  deps: ValidateDeps = {},
): Promise<ValidationResult> {
  const parser = deps.parser ?? sharedParser();
  const parsed: ParsedFile[] = [];
  const errors: Finding[] = [];
  const terraform = files.filter((file) => isTerraformFile(file.path));
  for (const { path, content } of terraform) {
    if (Buffer.byteLength(content) > MAX_FILE_BYTES) {
      errors.push(fileError(path, null, "file_too_large", `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`));
      continue;
    }
    const result = await parser.parse(path, content);
    if (result.ok) parsed.push({ path, content, body: result.body });
    else {
      const where = result.error.column === null ? "" : ` (column ${result.error.column})`;
      errors.push(fileError(path, result.error.line, "parse_error", `${result.error.message}${where}`));
    }
  }
  const lock = files.find((f) => f.path === LOCK_FILE)?.content ?? null;
  const { parsed: _files, ...result } = await finish(parsed, errors, terraform.length, lock, {
    semantic: false,
    ...deps,
  });
  return result;
}

async function finish(
  files: ParsedFile[],
  errors: Finding[],
  filesChecked: number,
  lockFile: string | null,
  deps: ValidateDeps,
): Promise<ValidationResult & { parsed: ParsedFile[] }> {
  const chosen = deps.schema === undefined ? schemaFor(awsVersionConstraint(files), lockFile) : undefined;
  const schema = deps.schema ?? (chosen as NonNullable<typeof chosen>).schema;
  const note =
    chosen?.choice.note ?? `offline schema ${schema.version.providerVersion} (given by the caller)`;
  const findings = [...errors, ...validateAgainstSchema(files, schema)];
  if (deps.semantic !== false) findings.push(...checkSemantics(files, schema));
  const hcl = files.filter((file) => isTerraformHcl(file.path));
  const lines = await mapLimit(hcl, FORMAT_CONCURRENCY, (file) =>
    layoutDifference(file.content, deps.format),
  );
  hcl.forEach((file, i) => {
    const line = lines[i] ?? null;
    if (line !== null) findings.push(notFormatted(file.path, line));
  });
  const safe = redactDeep(sortFindings(findings));
  const modules = [...new Set(files.map((f) => dirOf(f.path)))].sort();
  return {
    ok: !safe.some((f) => f.severity === "error"),
    findings: safe,
    filesChecked,
    modules,
    parsed: files,
    schema: { version: schema.version, note, constraints: constraintsNote(schema, deps.semantic !== false) },
  };
}

function constraintsNote(schema: AwsProviderSchema, semantic: boolean): string {
  if (!semantic)
    return "argument constraints (conflicts, one-of, required-with) not checked: they are semantic checks, off for files given without their module";
  const source = schema.constraintSource;
  if (source === undefined || source === null)
    return `argument constraints (conflicts, one-of, required-with) not checked: none bundled for the ${schema.version.providerVersion} line`;
  return `argument constraints (conflicts, one-of, required-with) from the hashicorp/aws ${source.providerVersion} source`;
}

// First layout difference by content: the formatter (WASM) is the other big cost of a run, and its answer
// for the same text never changes. Bounded by entry count; each entry is a hash and a number.
const MAX_LAYOUTS = 50_000;
const layouts = new Map<string, number | null>();

async function layoutDifference(
  content: string,
  format: ((content: string) => Promise<string>) | undefined,
): Promise<number | null> {
  if (format !== undefined) return firstDifferentLine(content, await format(content));
  const key = contentKey(content);
  const known = layouts.get(key);
  if (known !== undefined) return known;
  const line = firstDifferentLine(content, await formatHcl(content));
  if (layouts.size >= MAX_LAYOUTS) layouts.delete(layouts.keys().next().value as string);
  layouts.set(key, line);
  return line;
}

function notFormatted(file: string, line: number): Finding {
  return {
    file,
    line,
    severity: "warning",
    code: VALIDATION_CODES.notFormatted,
    message: `not in canonical terraform fmt layout (first difference at line ${line})`,
    suggestion: "terraform fmt",
  };
}

function firstDifferentLine(original: string, formatted: string): number | null {
  if (original === formatted) return null;
  const a = original.split("\n");
  const b = formatted.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i + 1;
  return null;
}

function fileError(file: string, line: number | null, code: string, message: string): Finding {
  return { file, line, severity: "error", code, message: redact(message), suggestion: null };
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
