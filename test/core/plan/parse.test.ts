import { describe, expect, it } from "@jest/globals";
import { PlanParseError, parsePlan } from "../../../src/core/plan/index.js";
import { planFixture } from "./fixtures.js";

const minimal = { format_version: "1.2", planned_values: {}, resource_changes: [] };

function parseError(input: unknown): string {
  try {
    parsePlan(input);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanParseError);
    return (error as Error).message;
  }
  throw new Error("expected a PlanParseError");
}

describe("parsePlan", () => {
  it("reads format 1.2 and 0.1 plans from bytes", () => {
    const modern = parsePlan(planFixture("all-actions.json"));
    expect(modern.formatVersion).toBe("1.2");
    expect(modern.terraformVersion).toBe("1.10.5");
    expect(modern.resourceChanges).toHaveLength(13);
    const legacy = parsePlan(planFixture("format-0.1.json"));
    expect(legacy.formatVersion).toBe("0.1");
    expect(legacy.resourceChanges.map((rc) => rc.change.actions)).toEqual([
      ["create"],
      ["delete", "create"],
      ["delete"],
    ]);
  });

  it("gives the same plan from bytes, text and an already parsed object", () => {
    const bytes = planFixture("drift-deferred.json");
    const fromBytes = parsePlan(bytes);
    expect(parsePlan(bytes.toString("utf8"))).toEqual(fromBytes);
    expect(parsePlan(JSON.parse(bytes.toString("utf8")))).toEqual(fromBytes);
    expect(fromBytes.resourceDrift).toHaveLength(2);
    expect(fromBytes.deferredChanges.map((d) => d.reason)).toEqual([
      "instance_count_unknown",
      "provider_config_unknown",
    ]);
  });

  it.each([
    [
      "UTF-8 with a byte-order mark",
      (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]),
    ],
    [
      "UTF-16 LE with a BOM (PowerShell >)",
      (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]),
    ],
    ["UTF-16 LE without a BOM", (t: string) => Buffer.from(t, "utf16le")],
    [
      "UTF-16 BE with a BOM",
      (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, "utf16le").swap16()]),
    ],
    ["UTF-16 BE without a BOM", (t: string) => Buffer.from(t, "utf16le").swap16()],
  ])("reads %s", (_name, encode) => {
    const text = planFixture("sensitive-unknown.json").toString("utf8");
    expect(parsePlan(encode(text))).toEqual(parsePlan(Buffer.from(text)));
  });

  it("keeps non-ASCII text intact through UTF-16", () => {
    const plan = {
      ...minimal,
      output_changes: { greeting: { actions: ["create"], before: null, after: "héllo → 世界" } },
    };
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(plan), "utf16le")]);
    expect(parsePlan(bytes).outputChanges.greeting?.after).toBe("héllo → 世界");
  });

  it("ignores members it does not know, at every level", () => {
    const plan = {
      ...minimal,
      some_future_member: { nested: [1, 2, 3] },
      resource_changes: [
        {
          address: "aws_vpc.a",
          mode: "managed",
          type: "aws_vpc",
          name: "a",
          future: true,
          change: { actions: ["create"], after: {}, future_detail: "x" },
        },
      ],
    };
    expect(parsePlan(JSON.stringify(plan)).resourceChanges[0]?.address).toBe("aws_vpc.a");
  });

  it("treats null sections as empty", () => {
    const plan = parsePlan(JSON.stringify({ ...minimal, resource_changes: null, output_changes: null }));
    expect(plan.resourceChanges).toEqual([]);
    expect(plan.outputChanges).toEqual({});
  });
});

describe("parsePlan refuses what is not a usable plan, in one line", () => {
  it.each([
    ["empty input", "", "not JSON: the input is empty"],
    ["whitespace", "  \n ", "not JSON: the input is empty"],
    [
      "terraform's error text",
      "Error: No configuration files\n",
      'not JSON: the input starts with "Error: No configuration files"',
    ],
    ["an HTML page", "<!DOCTYPE html><html>", 'not JSON: the input starts with "<!DOCTYPE html><html>"'],
    ["a JSON array", "[1, 2]", "not a Terraform plan: the JSON is not an object"],
    ["a JSON string", '"plan"', "not a Terraform plan: the JSON is not an object"],
    ["a number", "42", "not a Terraform plan: the JSON is not an object"],
    [
      "trailing data",
      '{"format_version":"1.0"} {"x":1}',
      'not JSON: unexpected data after the top-level object at byte 25 near "{\\"x\\":1}"',
    ],
    [
      "a missing comma",
      '{"format_version":"1.0" "planned_values":{}}',
      "not JSON: expected ',' or '}' at byte 24 near \"\\\"planned_values\\\":{}}\"",
    ],
    [
      "a stray character",
      '{"prior_state": {"a": @}}',
      'not JSON: unexpected character at byte 22 near "@}}"',
    ],
    ["a mismatched bracket", '{"prior_state": {"a": [1}}', "not JSON: unexpected '}' at byte 24 near \"}}\""],
    [
      "an object without format_version",
      '{"resource_changes": []}',
      "not a Terraform plan: no format_version member",
    ],
    [
      "a state file",
      '{"format_version":"1.0","terraform_version":"1.9.0","values":{}}',
      "not a Terraform plan: no planned_values or resource_changes; this is a state file; pass a plan: terraform show -json tfplan",
    ],
    [
      "validate output",
      '{"format_version":"1.0","valid":false,"diagnostics":[]}',
      "not a Terraform plan: no planned_values or resource_changes",
    ],
    [
      "plan -json log lines",
      '{"@level":"info","@message":"Terraform 1.9.0","type":"version"}',
      "not a Terraform plan: this is `terraform plan -json` log output; save the plan with -out and run terraform show -json",
    ],
    [
      "a future major format",
      '{"format_version":"2.0","planned_values":{}}',
      "unsupported plan format_version 2.0: this tool reads 0.1 through 1.x",
    ],
    [
      "a malformed format_version",
      '{"format_version":"one","planned_values":{}}',
      'not a valid Terraform plan: format_version: expected a version like "1.2"',
    ],
    [
      "a failed run",
      '{"format_version":"1.2","planned_values":{},"errored":true}',
      "the plan comes from a failed terraform run (errored: true); fix the errors it reported and plan again",
    ],
    [
      "a binary plan file",
      "PK\u0003\u0004tfplan",
      "this is a binary plan file; convert it first: terraform show -json tfplan > plan.json",
    ],
  ])("%s", (_name, input, message) => {
    expect(parseError(Buffer.from(input, "latin1"))).toBe(message);
  });

  it("names the field that breaks the format", () => {
    const bad = (change: unknown) =>
      JSON.stringify({
        ...minimal,
        resource_changes: [{ address: "a.b", mode: "managed", type: "a", name: "b", change }],
      });
    expect(parseError(bad({ actions: ["explode"] }))).toBe(
      'not a valid Terraform plan: resource_changes[0].change.actions[0]: unsupported action "explode" (a newer Terraform?)',
    );
    expect(parseError(bad({ actions: ["delete", "update"] }))).toBe(
      'not a valid Terraform plan: resource_changes[0].change.actions: unsupported action combination ["delete","update"]',
    );
    expect(parseError(bad({ actions: [] }))).toBe(
      "not a valid Terraform plan: resource_changes[0].change.actions: expected at least one action",
    );
    expect(parseError(bad("nope"))).toMatch(/^not a valid Terraform plan: resource_changes\[0\]\.change: /);
  });

  it("says a file cut short is truncated, wherever it was cut", () => {
    const text = planFixture("all-actions.json").toString("utf8");
    for (const end of [1, 10, 500, 2_000, Math.floor(text.length / 2), text.length - 3]) {
      expect(parseError(Buffer.from(text.slice(0, end)))).toBe(
        "truncated JSON: the file ends in the middle of the plan (was the write cut short?)",
      );
    }
  });

  it("rejects UTF-16 with an odd number of bytes as truncated", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('{"a":1}', "utf16le"),
      Buffer.from([0x7d]),
    ]);
    expect(parseError(bytes)).toBe("truncated file: UTF-16LE text with an odd number of bytes");
  });

  it("survives hostile nesting in the sections it skips and in the ones it reads", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const plan = `{"format_version":"1.2","planned_values":${deep},"resource_changes":[]}`;
    expect(parsePlan(Buffer.from(plan)).resourceChanges).toEqual([]);
    const deepChange = `{"format_version":"1.2","planned_values":{},"resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create"],"after":${"[".repeat(5_000)}${"]".repeat(5_000)}}}]}`;
    expect(parsePlan(Buffer.from(deepChange)).resourceChanges).toHaveLength(1);
  });

  it("refuses a section larger than the memory it may use", () => {
    expect(() => parsePlan(planFixture("all-actions.json"), { maxSectionBytes: 1024 })).toThrow(
      /^the plan's resource_changes section is 0 MiB, more than this process can hold \(0 MiB\); raise the memory limit/,
    );
  });

  it("never echoes a secret from the input in its error", () => {
    const message = parseError(
      Buffer.from("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    );
    expect(message).not.toContain("wJalrXUtnFEMI");
    expect(message).toContain("[REDACTED]");
  });
});
