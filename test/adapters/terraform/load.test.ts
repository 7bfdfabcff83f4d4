import { describe, expect, it } from "@jest/globals";
import { loadTerraformDirectory } from "../../../src/adapters/terraform/index.js";

const fixtures = "test/fixtures/terraform";

describe("loadTerraformDirectory", () => {
  it("parses every file and turns a syntax error into a parse_error finding with its line", async () => {
    const loaded = await loadTerraformDirectory(`${fixtures}/evil-invalid-hcl`);
    expect(loaded.files.map((f) => f.path)).toEqual(["variables.tf"]);
    expect(loaded.files[0]?.body).toEqual({ variable: { region: [{ type: "${string}" }] } });
    expect(loaded.errors).toEqual([
      {
        file: "main.tf",
        line: 6,
        severity: "error",
        code: "parse_error",
        message:
          "Invalid expression: Expected the start of an expression, but found an invalid expression token. (column 12)",
        suggestion: null,
      },
    ]);
  });

  it("loads .tf.json beside .tf in the same shape", async () => {
    const loaded = await loadTerraformDirectory(`${fixtures}/tf-json`);
    expect(loaded.errors).toEqual([]);
    expect(loaded.files.map((f) => f.path)).toEqual(["main.tf.json", "variables.tf.json"]);
    expect(loaded.files[0]?.body.resource?.["aws_sqs_queue"]?.["jobs_dlq"]).toEqual([
      { name: "${local.name_prefix}-jobs-dlq" },
    ]);
    expect(loaded.files[0]?.body.resource?.["aws_sns_topic"]?.["alerts"]).toEqual([
      { name: "${local.name_prefix}-alerts", lifecycle: [{ prevent_destroy: true }] },
    ]);
  });

  it("gives the same result whatever the parse concurrency", async () => {
    const serial = await loadTerraformDirectory("examples/demo-infra", { concurrency: 1 });
    const parallel = await loadTerraformDirectory("examples/demo-infra", { concurrency: 8 });
    expect(parallel).toEqual(serial);
    expect(serial.files).toHaveLength(13);
  });
});
