import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { Ajv } from "ajv";
import { repoConfigJsonSchema } from "../../../src/core/config/json-schema.js";

const committed = JSON.parse(
  readFileSync(new URL("../../../schema/devops-agent.schema.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("the published JSON Schema of the repo config", () => {
  it("matches what the zod schema generates (run `npm run schema:config` after changing it)", () => {
    expect(committed).toEqual(repoConfigJsonSchema());
  });

  it("accepts a valid file and rejects a typo, like the app does", () => {
    const validate = new Ajv({ strict: false }).compile(committed);
    expect(validate({ autofix: { enabled: true, maxAttempts: 3 } })).toBe(true);
    expect(validate({ autofix: { enabeld: true } })).toBe(false);
  });
});
