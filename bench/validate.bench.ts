// Validation over a generated repository of 2,000 Terraform files built from the realistic test fixtures
// (S3 split resources, IAM with jsonencode, for_each and dynamic blocks, nested modules, .tf.json).
// Reports end-to-end files/s (read, parse, schema and semantic checks, fmt check) and each step alone.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatHcl } from "../src/adapters/hcl/format.js";
import { createHclParser } from "../src/adapters/hcl/index.js";
import { loadTerraformDirectory } from "../src/adapters/terraform/index.js";
import {
  type AwsProviderSchema,
  type TypeSchema,
  loadAwsProviderSchema,
} from "../src/core/terraform/schema/index.js";
import { checkSemantics } from "../src/core/terraform/semantic/index.js";
import { validateAgainstSchema } from "../src/core/terraform/validate/index.js";
import { validateDirectory } from "../src/tasks/validate.js";
import { mib, peakRss, report } from "./util.js";

const FILES = 2_000;
const PER_DIRECTORY = 20;
const TARGET_FILES_PER_SECOND = 1_000;
const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "..", "test", "fixtures", "terraform");

async function templates(): Promise<{ name: string; content: string }[]> {
  const out: { name: string; content: string }[] = [];
  for (const set of [
    "s3-split",
    "iam-jsonencode",
    "for-each-dynamic",
    "tf-json",
    "nested-modules/modules/app",
  ]) {
    for (const name of (await readdir(join(fixtures, set))).sort()) {
      if (name.endsWith(".tf") || name.endsWith(".tf.json"))
        out.push({ name, content: await readFile(join(fixtures, set, name), "utf8") });
    }
  }
  return out;
}

async function generate(root: string): Promise<void> {
  const sources = await templates();
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, `stack-${String(Math.floor(i / PER_DIRECTORY)).padStart(3, "0")}`);
    if (i % PER_DIRECTORY === 0) await mkdir(dir, { recursive: true });
    const source = sources[i % sources.length];
    if (!source) throw new Error("no fixture templates found");
    // Distinct file names per directory; contents repeat across directories, as in real monorepos.
    await writeFile(join(dir, `f${i}-${source.name}`), source.content);
  }
}

/** The same schema line with no constraint table (types converted once, as the loader does). */
function withoutConstraints(schema: AwsProviderSchema): AwsProviderSchema {
  const cache = new Map<string, TypeSchema | undefined>();
  const strip = (kind: string, type: string, view: TypeSchema | undefined): TypeSchema | undefined => {
    const key = `${kind}:${type}`;
    if (!cache.has(key)) {
      const { constraints: _rules, ...rest } = view ?? ({} as TypeSchema);
      cache.set(key, view === undefined ? undefined : rest);
    }
    return cache.get(key);
  };
  return {
    ...schema,
    constraintSource: null,
    resource: (type) => strip("r", type, schema.resource(type)),
    dataSource: (type) => strip("d", type, schema.dataSource(type)),
  };
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; seconds: number }> {
  const start = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - start) / 1000 };
}

const root = await mkdtemp(join(tmpdir(), "validate-bench-"));
try {
  await generate(root);
  const schema = loadAwsProviderSchema();

  // The first run pays for instantiating both WASM modules (parser and formatter), as a CLI run does.
  const cold = await timed(() => validateDirectory(root));
  const warm = await timed(() => validateDirectory(root));
  const rate = warm.result.filesChecked / warm.seconds;
  report("validate end-to-end (read+parse+schema+semantic+fmt)", {
    files: String(warm.result.filesChecked),
    errors: String(warm.result.findings.filter((f) => f.severity === "error").length),
    cold_files_per_s: cold.result.filesChecked / cold.seconds,
    warm_seconds: warm.seconds,
    warm_files_per_s: rate,
    target_files_per_s: TARGET_FILES_PER_SECOND,
    met: rate >= TARGET_FILES_PER_SECOND ? "yes" : "NO",
  });

  // Where the time goes: reading and parsing (hcl2json WASM), the schema check, the fmt check.
  const load = await timed(() => loadTerraformDirectory(root));
  const check = await timed(() => validateAgainstSchema(load.result.files, schema));
  const semantic = await timed(() => checkSemantics(load.result.files, schema));
  const hcl = load.result.files.filter((f) => !f.path.endsWith(".tf.json"));
  const fmt = await timed(async () => {
    for (const file of hcl) await formatHcl(file.content);
  });
  report("validate breakdown", {
    read_parse_files_per_s: load.result.files.length / load.seconds,
    schema_check_files_per_s: load.result.files.length / check.seconds,
    semantic_check_files_per_s: load.result.files.length / semantic.seconds,
    fmt_check_files_per_s: hcl.length / fmt.seconds,
  });

  // The provider's cross-argument rules (conflicts, one-of, required-with) within the semantic checks: the
  // same files against the same line with and without its constraint table, alternated, median of 5.
  const bare = withoutConstraints(schema);
  const withRules: number[] = [];
  const withoutRules: number[] = [];
  for (let i = 0; i < 5; i++) {
    withRules.push((await timed(() => checkSemantics(load.result.files, schema))).seconds);
    withoutRules.push((await timed(() => checkSemantics(load.result.files, bare))).seconds);
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  report("semantic checks: with vs without argument constraints", {
    constraint_source: schema.constraintSource?.providerVersion ?? "none",
    with_files_per_s: load.result.files.length / median(withRules),
    without_files_per_s: load.result.files.length / median(withoutRules),
    slowdown: `${(((median(withRules) - median(withoutRules)) / median(withoutRules)) * 100).toFixed(1)}%`,
  });

  // The cost of isolating hcl2json on a worker thread (issue #12): the same parse, thread vs in-process.
  const inline = createHclParser({ isolation: "inline" });
  const thread = createHclParser({ isolation: "thread" });
  await loadTerraformDirectory(root, { parser: inline });
  await loadTerraformDirectory(root, { parser: thread });
  const parseInline = await timed(() => loadTerraformDirectory(root, { parser: inline }));
  const parseThread = await timed(() => loadTerraformDirectory(root, { parser: thread }));
  report("hcl parse: isolated thread vs in-process", {
    files: String(parseThread.result.files.length),
    inline_files_per_s: parseInline.result.files.length / parseInline.seconds,
    thread_files_per_s: parseThread.result.files.length / parseThread.seconds,
    overhead: `${(((parseThread.seconds - parseInline.seconds) / parseInline.seconds) * 100).toFixed(1)}%`,
  });

  const { peakAboveBaseline } = await peakRss(() => validateDirectory(root));
  report("validate memory", { peak_rss_above_start: mib(peakAboveBaseline) });
} finally {
  await rm(root, { recursive: true, force: true });
}
