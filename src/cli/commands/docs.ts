import { createDocsClient, defaultCacheDir } from "../../adapters/docs/client.js";
import { DocsUnavailableError, UnknownDocTypeError } from "../../adapters/docs/errors.js";
import { bundledSchemaSource } from "../../adapters/docs/schema-source.js";
import type { ResourceDocs } from "../../adapters/docs/resource.js";
import { redact } from "../../core/redact/index.js";
import { type CliCommand, UsageError, parseCliArgs } from "../io.js";

// Short, so a machine without network falls back to the schema in seconds instead of hanging.
const CLI_TIMEOUT_MS = 4_000;

export const docsCommand: CliCommand = {
  usage: "docs TYPE [--json] [--offline] [--version X] [--cache-dir DIR]",
  summary: "documentation for an AWS resource type (data.TYPE for a data source)",
  async run(argv, io) {
    const parsed = parseCliArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean" },
        offline: { type: "boolean" },
        version: { type: "string" },
        "cache-dir": { type: "string" },
      },
    });
    const [type, ...extra] = parsed.positionals;
    if (type === undefined || extra.length > 0)
      throw new UsageError(`expected exactly one TYPE, e.g. "docs aws_s3_bucket"`);
    const version = parsed.values.version;
    if (version !== undefined && !/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version)) {
      throw new UsageError(`--version must be an exact provider version like 5.31.0, got "${version}"`);
    }
    const schema = bundledSchemaSource();
    const client = createDocsClient({
      cacheDir: parsed.values["cache-dir"] ?? defaultCacheDir(io.env),
      offline: parsed.values.offline ?? false,
      limits: { timeoutMs: CLI_TIMEOUT_MS },
      ...(schema === undefined ? {} : { schema }),
      ...(version === undefined ? {} : { providerVersion: version }),
    });
    let found: ResourceDocs;
    try {
      found = await client.resourceDoc(type);
    } catch (error) {
      if (error instanceof UnknownDocTypeError || error instanceof DocsUnavailableError) {
        io.stderr(`devops-agent docs: ${redact(error.message)}`);
        return 1;
      }
      throw error;
    }
    const argumentsList = found.doc.arguments.map((a) => ({
      name: a.block === "" ? a.name : `${a.block}.${a.name}`,
      required: a.required,
      description: redact(stripRequiredFlag(a.description)),
    }));
    if (parsed.values.json === true) {
      io.stdout(
        JSON.stringify(
          { type: found.type, url: found.url, arguments: argumentsList, source: found.origin },
          null,
          2,
        ),
      );
      return 0;
    }
    io.stdout(renderHuman(found, argumentsList));
    return 0;
  },
};

function stripRequiredFlag(description: string): string {
  return description.replace(/^\(\s*(required|optional)\s*\)\s*(?:[-–—:]\s*)?/i, "").trim();
}

function renderHuman(
  found: ResourceDocs,
  args: { name: string; required: boolean; description: string }[],
): string {
  const width = Math.min(48, Math.max(8, ...args.map((a) => a.name.length)));
  const lines = [
    redact(found.doc.title),
    `url:    ${found.url}`,
    `source: ${found.origin}${found.stale ? " (expired copy, network failed)" : ""}`,
    ...found.notes.map((n) => `note:   ${redact(n)}`),
  ];
  if (found.doc.description !== "") lines.push("", redact(found.doc.description));
  lines.push("", `${"ARGUMENT".padEnd(width)}  REQUIRED  DESCRIPTION`);
  for (const a of args) {
    const text = a.description.length > 100 ? `${a.description.slice(0, 97)}...` : a.description;
    lines.push(`${a.name.padEnd(width)}  ${(a.required ? "yes" : "no").padEnd(8)}  ${text}`);
  }
  if (args.length === 0) lines.push("(no arguments listed)");
  return lines.join("\n");
}
