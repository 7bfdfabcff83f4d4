import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { SCHEMA_DIR, readManifest } from "../../../../scripts/build-provider-schema.js";
import { extractProviderSchema } from "../../../../src/core/terraform/schema/extract.js";
import type { SchemaFile } from "../../../../src/core/terraform/schema/format.js";
import { BASE_FILE } from "../../../../src/core/terraform/schema/manifest.js";
import { diffSchemaFiles } from "../../../../src/core/terraform/schema/patch.js";
import { reconcileWithAssembly } from "../../../../src/core/terraform/schema/reconcile.js";
import { serializePatchFile } from "../../../../src/core/terraform/schema/serialize.js";

const require = createRequire(import.meta.url);
const installed = (require("@cdktf/provider-aws/package.json") as { version: string }).version;

describe("committed AWS provider schema lines", () => {
  it("the line built from the installed @cdktf/provider-aws matches what `npm run schema:build` produces", async () => {
    const manifest = await readManifest();
    const line = manifest.lines.find(
      (l) => l.source.package === "@cdktf/provider-aws" && l.source.packageVersion === installed,
    );
    if (line === undefined) {
      // The workflow regenerates lines with terraform; then no line comes from the installed assembly.
      console.warn(`no bundled line comes from @cdktf/provider-aws ${installed}: nothing to compare`);
      return;
    }
    const base = JSON.parse(await readFile(join(SCHEMA_DIR, BASE_FILE), "utf8")) as SchemaFile;
    const jsii = await readFile(require.resolve("@cdktf/provider-aws/.jsii"), "utf8");
    const rebuilt = serializePatchFile(
      diffSchemaFiles(base, reconcileWithAssembly(base, extractProviderSchema(JSON.parse(jsii)))),
    );
    const committed = await readFile(join(SCHEMA_DIR, line.file), "utf8");
    // Compare sizes first so a drift fails with a short message instead of a megabyte diff.
    expect(rebuilt.length).toBe(committed.length);
    expect(rebuilt === committed).toBe(true);
    // Parsing the 130 MB assembly takes seconds alone, far more on a loaded machine.
  }, 180_000);
});
