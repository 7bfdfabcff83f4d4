// Regenerates src/core/terraform/schema/aws-provider-schema.json from the installed @cdktf/provider-aws
// jsii assembly. Run after upgrading that package: `npm run schema:build`. A test fails when the committed
// file and this script's output drift apart.
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractProviderSchema } from "../src/core/terraform/schema/extract.js";
import { serializeSchemaFile } from "../src/core/terraform/schema/serialize.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const JSII_PATH = join(root, "node_modules", "@cdktf", "provider-aws", ".jsii");
export const SCHEMA_PATH = join(root, "src", "core", "terraform", "schema", "aws-provider-schema.json");

/** Reads the installed assembly and returns the schema file's text, exactly as it should be committed. */
export async function buildProviderSchemaText(jsiiPath = JSII_PATH): Promise<string> {
  const assembly: unknown = JSON.parse(await readFile(jsiiPath, "utf8"));
  return serializeSchemaFile(extractProviderSchema(assembly));
}

async function main(): Promise<void> {
  const text = await buildProviderSchemaText();
  await writeFile(SCHEMA_PATH, text);
  const kib = (Buffer.byteLength(text) / 1024).toFixed(0);
  console.log(`wrote ${SCHEMA_PATH} (${kib} KiB)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`schema:build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
