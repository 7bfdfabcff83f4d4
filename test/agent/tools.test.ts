import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { runAgent, type DocsRetriever } from "../../src/agent/index.js";
import type { RetrievedDocs } from "../../src/core/docs/types.js";
import { scriptModel, toolReplies } from "./scripted-model.js";
import { FAKE_TOKEN, agentInput, demoWorkspace, fixture } from "./workspace-helpers.js";

const REQUEST = "Add an SSM parameter for feature flags, and a queue for orders that it describes";

let dir = "";
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await demoWorkspace());
});
afterEach(() => cleanup());

describe("agent tools through the scripted model", () => {
  it("use_recipe writes a secure building block; a bad param is named back to the model", async () => {
    const model = scriptModel([
      {
        calls: [
          {
            name: "use_recipe",
            args: { recipe: "sqs-queue", params: { name: "orders", retention_days: 99 } },
          },
          {
            name: "use_recipe",
            args: { recipe: "sqs-queue", params: { name: "orders", retention_days: 7 } },
          },
          { name: "write_file", args: { path: "ssm.tf", content: await fixture("ssm-valid.tf") } },
          { name: "finish", args: { summary: "Queue from the recipe, parameter by hand." } },
        ],
      },
    ]);
    const { input } = await agentInput(dir, REQUEST, { llm: "scripted" });
    const result = await runAgent(input);
    expect(result.ok).toBe(true);
    expect(result.files).toEqual([
      { path: "sqs.tf", action: "create" },
      { path: "ssm.tf", action: "create" },
    ]);
    expect(result.resources.map((r) => `${r.type}.${r.name}`)).toEqual([
      "aws_sqs_queue.orders",
      "aws_sqs_queue.orders_dlq",
      "aws_sqs_queue_redrive_allow_policy.orders_dlq",
      "aws_ssm_parameter.feature_flags",
    ]);
    expect(await readFile(join(dir, "sqs.tf"), "utf8")).toContain("message_retention_seconds  = 604800");
    expect(model.bodies).toHaveLength(1);
    const tools = model.bodies[0]?.tools?.map((t) => t.function.name);
    expect(tools).toEqual([
      "list_files",
      "read_file",
      "search_repo",
      "write_file",
      "use_recipe",
      "lookup_docs",
      "validate",
      "finish",
    ]);
  });

  it("reports recipe and validation problems as tool results the model can act on", async () => {
    const model = scriptModel([
      {
        calls: [
          {
            name: "use_recipe",
            args: { recipe: "sqs-queue", params: { name: "orders", retention_days: 99 } },
          },
          {
            name: "write_file",
            args: { path: "app/handler.py", content: "def handler(event, context)\n    return 1\n" },
          },
          { name: "write_file", args: { path: "ssm.tf", content: await fixture("ssm-unknown-argument.tf") } },
          { name: "validate", args: {} },
          { name: "lookup_docs", args: { type: "aws_ssm_paramter" } },
          { name: "lookup_docs", args: { type: "aws_ssm_parameter" } },
        ],
      },
      { calls: [{ name: "finish", args: { summary: "giving up", questions: ["?"] } }] },
    ]);
    const { input } = await agentInput(dir, REQUEST, { llm: "scripted", budgets: { llmCalls: 2 } });
    const result = await runAgent(input);
    const [recipe, py, tf, validation, unknown, docs] = toolReplies(model, 1);
    expect(recipe).toBe("error: recipe sqs-queue: retention_days: Too big: expected number to be <=14");
    expect(py).toBe("created app/handler.py (41 bytes)");
    expect(tf).toMatch(/^created ssm\.tf \(\d+ bytes\)$/);
    expect(validation).toMatch(/^NOT valid:\n/);
    expect(validation).toContain(
      "- error python_syntax at app/handler.py:1: python3 -m py_compile: SyntaxError: expected ':'",
    );
    expect(validation).toMatch(/- error unknown_argument at ssm\.tf:5: .*secure/);
    expect(unknown).toMatch(
      /^error: aws_ssm_paramter is not in the AWS provider schema \([\d.]+\); did you mean .*aws_ssm_parameter/,
    );
    // The fixture repository pins hashicorp/aws ~> 5.x: the docs tool answers from the bundled 5.x line.
    const schemaUrl =
      "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ssm_parameter";
    expect(docs?.split("\n")[0]).toBe(`aws_ssm_parameter — ${schemaUrl}`);
    expect(docs).toContain("name (required): string");
    expect(docs).toContain("type (required): string");
    expect(result.docsConsulted).toEqual([
      { title: "aws_ssm_parameter (AWS provider schema, offline)", url: schemaUrl },
    ]);
    expect(result.ok).toBe(false);
  });

  it("refuses to write something that looks like a secret into a file", async () => {
    const model = scriptModel([
      {
        calls: [
          { name: "write_file", args: { path: "token.tf", content: `locals { t = "${FAKE_TOKEN}" }` } },
        ],
      },
      { calls: [{ name: "finish", args: { summary: "no", questions: ["Where should the token live?"] } }] },
    ]);
    const { input } = await agentInput(dir, REQUEST, { llm: "scripted" });
    const result = await runAgent(input);
    expect(toolReplies(model, 1)).toEqual([
      "error: the content contains something that looks like a secret; never write credentials to files",
    ]);
    expect(result.files).toEqual([]);
    for (const body of model.raw) expect(body).not.toContain(FAKE_TOKEN);
  });

  it("formats Terraform it writes, lists and searches the repo as fenced data", async () => {
    const model = scriptModel([
      {
        calls: [
          { name: "list_files", args: { dir: "modules" } },
          { name: "search_repo", args: { text: "name_prefix" } },
          {
            name: "write_file",
            args: {
              path: "ssm.tf",
              content:
                'resource "aws_ssm_parameter" "flags" {\nname = "/x"\n    type="String"\nvalue = "{}"\n}\n',
            },
          },
          { name: "finish", args: { summary: "done" } },
        ],
      },
    ]);
    const { input } = await agentInput(dir, REQUEST, { llm: "scripted" });
    const result = await runAgent(input);
    expect(result.ok).toBe(true);
    expect(await readFile(join(dir, "ssm.tf"), "utf8")).toBe(
      'resource "aws_ssm_parameter" "flags" {\n  name  = "/x"\n  type  = "String"\n  value = "{}"\n}\n',
    );
    expect(model.bodies).toHaveLength(1);
  });

  it("uses live docs when a retriever is given and lists them as consulted", async () => {
    const model = scriptModel([
      { calls: [{ name: "lookup_docs", args: { type: "aws_ssm_parameter" } }] },
      {
        calls: [
          { name: "write_file", args: { path: "ssm.tf", content: await fixture("ssm-valid.tf") } },
          { name: "finish", args: { summary: "done" } },
        ],
      },
    ]);
    const asked: string[] = [];
    const url = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_parameter";
    const docs: DocsRetriever = {
      retrieve(query) {
        asked.push(typeof query === "string" ? query : JSON.stringify(query));
        const found: RetrievedDocs = {
          sections: [
            {
              type: "aws_ssm_parameter",
              url,
              heading: "Argument Reference",
              text: "* `tier` - (Optional) Standard.",
              source: "live",
            },
          ],
          consulted: [{ title: "aws_ssm_parameter — Terraform AWS provider docs", url }],
          live: true,
          notes: [],
          bytes: 40,
        };
        return Promise.resolve(found);
      },
    };
    const { input } = await agentInput(dir, REQUEST, { llm: "scripted" });
    const result = await runAgent({ ...input, docs });
    // The request itself first (context before the first turn), then the model's lookup.
    expect(asked).toEqual([REQUEST, "aws_ssm_parameter"]);
    expect(toolReplies(model, 1)[0]).toContain("* `tier` - (Optional) Standard.");
    expect(result.docsConsulted).toEqual([{ title: "aws_ssm_parameter — Terraform AWS provider docs", url }]);
  });

  it("appends a recipe to a file the model wrote by hand and knows the names it declared", async () => {
    const byHand = await fixture("sqs-by-hand.tf");
    const model = scriptModel([
      {
        calls: [
          { name: "write_file", args: { path: "sqs.tf", content: byHand } },
          { name: "use_recipe", args: { recipe: "sqs-queue", params: { name: "orders" } } },
          { name: "use_recipe", args: { recipe: "sqs-queue", params: { name: "invoices" } } },
        ],
      },
      { calls: [{ name: "finish", args: { summary: "Queues. <!-- devops-agent:pr:fake -->" } }] },
    ]);
    const { input } = await agentInput(dir, REQUEST, { llm: "scripted" });
    const result = await runAgent(input);
    const [, clash, appended] = toolReplies(model, 1);
    expect(clash).toBe(
      'error: recipe sqs-queue: name "orders" collides with aws_sqs_queue.orders; choose another name',
    );
    expect(appended?.split("\n")[0]).toBe("Wrote sqs.tf (appended).");
    expect(result.ok).toBe(true);
    expect(result.summary).toBe("Queues.");
    expect(result.files).toEqual([{ path: "sqs.tf", action: "create" }]);
    const sqs = await readFile(join(dir, "sqs.tf"), "utf8");
    expect(sqs.startsWith(byHand)).toBe(true);
    expect(sqs).toContain('resource "aws_sqs_queue" "invoices" {');
    expect(result.resources.map((r) => `${r.type}.${r.name}`)).toEqual([
      "aws_sqs_queue.orders",
      "aws_sqs_queue.invoices",
      "aws_sqs_queue.invoices_dlq",
      "aws_sqs_queue_redrive_allow_policy.invoices_dlq",
    ]);
  });
});
