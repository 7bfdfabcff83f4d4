// The committed constraint table (generated from the provider's source by schema:constraints) and how a
// schema line takes it: only the lines it lists, only entries whose arguments the line has.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import {
  bundledConstraintSource,
  bundledSchemaLines,
  loadAwsProviderSchema,
} from "../../../../src/core/terraform/schema/index.js";
import {
  constraintsFileSchema,
  constraintsForType,
  pathSegments,
} from "../../../../src/core/terraform/schema/constraints.js";
import type { BlockSchema } from "../../../../src/core/terraform/schema/index.js";

const FILE = "src/core/terraform/schema/aws-provider-constraints.json";

const attribute = (name: string) => ({ name, required: false, type: "string", objectTyped: false, deprecated: false });
const block = (attributes: string[], blocks: Record<string, BlockSchema> = {}): BlockSchema => ({
  attributes: new Map(attributes.map((a) => [a, attribute(a)])),
  blocks: new Map(
    Object.entries(blocks).map(([name, b]) => [
      name,
      { ...b, name, nesting: "list", required: false, minItems: 0, maxItems: 1, opaque: false, deprecated: false },
    ]),
  ),
});

describe("argument constraint table", () => {
  it("parses, names the provider source it was read from, and lists bundled lines only", () => {
    const file = constraintsFileSchema.parse(JSON.parse(readFileSync(FILE, "utf8")));
    expect(file.source.provider).toBe("hashicorp/aws");
    expect(file.source.providerVersion).toMatch(/^\d+\.\d+\.\d+/);
    const bundled = bundledSchemaLines().map((l) => l.line);
    for (const line of file.lines) expect(bundled).toContain(line);
    expect(Object.keys(file.resources).length).toBeGreaterThan(100);
    expect(bundledConstraintSource()).toMatchObject({ providerVersion: file.source.providerVersion });
  });

  it("applies to the lines it lists and not to the others", () => {
    const { lines } = bundledConstraintSource();
    for (const line of bundledSchemaLines().map((l) => l.line)) {
      const bucket = loadAwsProviderSchema(line).resource("aws_s3_bucket");
      const conflicts = (bucket?.constraints ?? []).filter((c) => c.kind === "conflicts");
      if (lines.includes(line))
        expect(conflicts).toContainEqual({ kind: "conflicts", path: ["bucket"], others: [["bucket_prefix"]] });
      else expect(bucket?.constraints).toBeUndefined();
    }
  });

  it("drops an entry whose arguments the line does not have, whole", () => {
    const schema = block(["a", "b"], { nested: block(["x", "y"]) });
    expect(
      constraintsForType(
        [
          ["c", "a", ["b"]],
          ["c", "a", ["b", "gone"]],
          ["x", "nested.0.x", ["nested.0.y"]],
          ["w", "nested.0.x", ["nested.0.gone"]],
        ],
        schema,
      ),
    ).toEqual([
      { kind: "conflicts", path: ["a"], others: [["b"]] },
      { kind: "exactly_one_of", path: ["nested", "x"], others: [["nested", "y"]] },
    ]);
  });

  it("reads the SDK's paths: first list elements only", () => {
    expect(pathSegments("versioning.0.enabled")).toEqual(["versioning", "enabled"]);
    expect(pathSegments("rule.1.x")).toBeNull();
  });
});
