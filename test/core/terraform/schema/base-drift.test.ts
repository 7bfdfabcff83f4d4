import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import {
  SCHEMA_DIR,
  keepDocPaths,
  readManifest,
  terraformSchema,
} from "../../../../scripts/build-provider-schema.js";
import type { SchemaFile } from "../../../../src/core/terraform/schema/format.js";
import { BASE_FILE } from "../../../../src/core/terraform/schema/manifest.js";
import { serializeSchemaFile } from "../../../../src/core/terraform/schema/serialize.js";

const PLUGIN_DIR = "/opt/tf-plugins";
function terraformReason(): string | null {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
  } catch {
    return "terraform is not on PATH";
  }
  return existsSync(PLUGIN_DIR) ? null : `no provider mirror at ${PLUGIN_DIR}`;
}
const reason = terraformReason();
if (reason !== null) console.warn(`base schema drift test skipped: ${reason}`);
const maybe = reason === null ? describe : describe.skip;

maybe("committed base schema", () => {
  it("is exactly what `terraform providers schema -json` prints for its version, compacted", async () => {
    const manifest = await readManifest();
    const committed = await readFile(join(SCHEMA_DIR, BASE_FILE), "utf8");
    const base = JSON.parse(committed) as SchemaFile;
    expect(manifest.lines.find((l) => l.file === BASE_FILE)?.source).toEqual(base.source);
    const rebuilt = await terraformSchema(base.source.providerVersion, PLUGIN_DIR);
    const text = serializeSchemaFile({
      ...keepDocPaths(rebuilt, base),
      source: { ...rebuilt.source, packageVersion: base.source.packageVersion },
    });
    expect(text.length).toBe(committed.length);
    expect(text === committed).toBe(true);
  }, 180_000);
});
