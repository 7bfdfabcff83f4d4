import { readFile } from "node:fs/promises";
import { describe, expect, it } from "@jest/globals";
import { SCHEMA_PATH, buildProviderSchemaText } from "../../../../scripts/build-provider-schema.js";

describe("committed AWS provider schema", () => {
  it("matches what `npm run schema:build` produces from the installed @cdktf/provider-aws", async () => {
    const committed = await readFile(SCHEMA_PATH, "utf8");
    const rebuilt = await buildProviderSchemaText();
    // Compare sizes first so a drift fails with a short message instead of a megabyte diff.
    expect(rebuilt.length).toBe(committed.length);
    expect(rebuilt === committed).toBe(true);
  });
});
