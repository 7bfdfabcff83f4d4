// Builds the bundled AWS provider schemas: one base file (a full schema) plus one patch per provider line
// (src/core/terraform/schema/aws-provider-schema.<major>.patch.json), listed in aws-provider-schemas.json.
// Run locally and by .github/workflows/provider-schema.yml:
//   npm run schema:build -- base --terraform --version 5.100.0 [--plugin-dir /opt/tf-plugins]
//   npm run schema:build -- line --terraform --version 6.30.0          (terraform downloads the provider)
//   npm run schema:build -- line --jsii path/to/.jsii [--provider-version 4.67.0]   (@cdktf/provider-aws)
//   npm run schema:build -- line --terraform-json schema.json --version 6.30.0
//   npm run schema:build -- list
//   npm run schema:build -- needs --latest 6.30.0     (what to rebuild for that release, as key=value lines)
// A line replaces the one of the same major. Rebuilding the base re-expresses every line against it.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { extractProviderSchema } from "../src/core/terraform/schema/extract.js";
import type { SchemaFile } from "../src/core/terraform/schema/format.js";
import { schemaFromTerraform } from "../src/core/terraform/schema/from-terraform.js";
import {
  type SchemaManifest,
  BASE_FILE,
  MANIFEST_FILE,
  patchFileName,
  schemaManifestSchema,
} from "../src/core/terraform/schema/manifest.js";
import {
  applySchemaPatch,
  diffSchemaFiles,
  type SchemaPatchFile,
} from "../src/core/terraform/schema/patch.js";
import { reconcileWithAssembly } from "../src/core/terraform/schema/reconcile.js";
import { serializePatchFile, serializeSchemaFile } from "../src/core/terraform/schema/serialize.js";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA_DIR = join(root, "src", "core", "terraform", "schema");

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, "utf8"));
const major = (version: string): string => version.split(".")[0] ?? version;

export async function readManifest(dir = SCHEMA_DIR): Promise<SchemaManifest> {
  return schemaManifestSchema.parse(await readJson(join(dir, MANIFEST_FILE)));
}

export async function readLine(
  manifest: SchemaManifest,
  line: string,
  dir = SCHEMA_DIR,
): Promise<SchemaFile> {
  const base = (await readJson(join(dir, BASE_FILE))) as SchemaFile;
  const entry = manifest.lines.find((l) => l.line === line);
  if (entry === undefined) throw new Error(`no line ${line} in the manifest`);
  if (entry.file === BASE_FILE) return base;
  return applySchemaPatch(base, (await readJson(join(dir, entry.file))) as SchemaPatchFile);
}

/** `terraform providers schema -json` for one AWS provider version, in a throwaway root module. */
export async function terraformSchema(version: string, pluginDir: string | null): Promise<SchemaFile> {
  const dir = await mkdtemp(join(tmpdir(), "aws-schema-"));
  try {
    const main = `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "${version}" }\n  }\n}\n`;
    await writeFile(join(dir, "main.tf"), main);
    const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
    const init = [
      "init",
      "-backend=false",
      "-input=false",
      ...(pluginDir ? [`-plugin-dir=${pluginDir}`] : []),
    ];
    await run("terraform", init, { cwd: dir, env, maxBuffer: 64 << 20 });
    const { stdout } = await run("terraform", ["providers", "schema", "-json"], {
      cwd: dir,
      env,
      maxBuffer: 256 << 20,
    });
    const { stdout: versionJson } = await run("terraform", ["version", "-json"], { cwd: dir, env });
    const terraform = String((JSON.parse(versionJson) as { terraform_version?: string }).terraform_version);
    return schemaFromTerraform(JSON.parse(stdout), { provider: version, terraform });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Doc page paths terraform's JSON does not carry; the assemblies did, so they are kept from the old base. */
export function keepDocPaths(schema: SchemaFile, from: SchemaFile | null): SchemaFile {
  if (from === null) return schema;
  for (const kind of ["resources", "dataSources"] as const)
    for (const [name, type] of Object.entries(schema[kind])) {
      const u = from[kind][name]?.u;
      if (u !== undefined && type.u === undefined) schema[kind][name] = { u, ...type };
    }
  return schema;
}

async function writeAll(manifest: SchemaManifest, base: SchemaFile, lines: SchemaFile[]): Promise<void> {
  await writeFile(join(SCHEMA_DIR, BASE_FILE), serializeSchemaFile(base));
  const entries: SchemaManifest["lines"] = [];
  for (const line of lines) {
    const id = major(line.source.providerVersion);
    const isBase = line === base;
    const file = isBase ? BASE_FILE : patchFileName(id);
    if (!isBase) await writeFile(join(SCHEMA_DIR, file), serializePatchFile(diffSchemaFiles(base, line)));
    const note = manifest.lines.find(
      (l) => l.line === id && l.source.providerVersion === line.source.providerVersion,
    )?.note;
    entries.push({ line: id, file, source: line.source, ...(note ? { note } : {}) });
  }
  entries.sort((a, b) => Number(a.line) - Number(b.line));
  const next: SchemaManifest = { format: 2, base: major(base.source.providerVersion), lines: entries };
  await writeFile(join(SCHEMA_DIR, MANIFEST_FILE), `${JSON.stringify(next, null, 2)}\n`);
}

/**
 * What the scheduled workflow must rebuild for a newly released provider version: `line` (a new or newer
 * major than the base), `base` (a newer release of the base's major), or null when that version is bundled.
 * Throws on anything but a plain release version, which the workflow passes on to a shell.
 */
export function regenerationFor(
  manifest: SchemaManifest,
  latest: string,
): { command: "base" | "line"; version: string } | null {
  if (!/^\d{1,3}\.\d{1,4}\.\d{1,4}$/.test(latest))
    throw new Error(`not a release version: ${JSON.stringify(latest)}`);
  const bundled = manifest.lines.find((l) => l.line === major(latest));
  if (bundled !== undefined && !isNewer(latest, bundled.source.providerVersion)) return null;
  return { command: major(latest) === manifest.base ? "base" : "line", version: latest };
}

function isNewer(a: string, b: string): boolean {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) > (y?.[i] ?? 0);
  return false;
}

function flag(args: string[], name: string): string | null {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? null) : null;
}

async function main(args: string[]): Promise<void> {
  const empty: SchemaManifest = { format: 2, base: "", lines: [] };
  const manifest = await readManifest().catch(() => empty);
  const current = await Promise.all(manifest.lines.map((l) => readLine(manifest, l.line)));
  const oldBase = current.find((l) => major(l.source.providerVersion) === manifest.base) ?? null;
  const version = flag(args, "--version");
  const pluginDir = flag(args, "--plugin-dir");
  const source = async (): Promise<SchemaFile> => {
    const jsii = flag(args, "--jsii");
    const json = flag(args, "--terraform-json");
    if (jsii !== null) {
      const providerVersion = flag(args, "--provider-version") ?? undefined;
      const extracted = extractProviderSchema(await readJson(jsii), { providerVersion });
      if (oldBase === null) throw new Error("build the base from terraform before adding an assembly line");
      return reconcileWithAssembly(oldBase, extracted);
    }
    if (version === null) throw new Error("--version is required with --terraform or --terraform-json");
    const schema =
      json !== null
        ? schemaFromTerraform(await readJson(json), { provider: version, terraform: "unknown" })
        : await terraformSchema(version, pluginDir);
    return keepDocPaths(schema, oldBase);
  };
  const command = args[0];
  if (command === "needs") {
    // `key=value` lines for $GITHUB_OUTPUT; nothing when the latest release is already bundled.
    const next = regenerationFor(manifest, flag(args, "--latest") ?? "");
    if (next !== null) console.log(`command=${next.command}\nversion=${next.version}`);
    return;
  }
  if (command === "list") {
    for (const l of manifest.lines)
      console.log(
        `${l.line}.x: ${l.source.providerVersion} (${l.source.package} ${l.source.packageVersion}) ${l.file}`,
      );
    return;
  }
  if (command !== "base" && command !== "line")
    throw new Error("usage: schema:build base|line|list|needs [options]");
  const built = await source();
  const id = major(built.source.providerVersion);
  if (command === "line" && id === manifest.base)
    throw new Error(`line ${id} is the base: rebuild it with \`base\``);
  const base = command === "base" ? built : oldBase;
  if (base === null) throw new Error("no base schema yet: run `schema:build base` first");
  const others = current.filter(
    (l) => ![id, major(base.source.providerVersion)].includes(major(l.source.providerVersion)),
  );
  const lines = command === "base" ? [built, ...others] : [base, built, ...others];
  await writeAll(manifest, base, lines);
  console.log(`wrote ${command} ${built.source.providerVersion} from ${built.source.package}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`schema:build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
