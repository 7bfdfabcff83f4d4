// The MCP server as MCP clients run it: `devops-agent mcp` as a child process, spoken to over stdio by the
// official SDK client.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ListRootsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "mcp-test-"));
const granted = join(work, "granted");
const other = join(work, "other");
const infra = join(granted, "infra");
const AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

function git(...args: string[]): string {
  return execFileSync("git", ["-C", infra, ...args], { encoding: "utf8" }).trim();
}

async function connect(roots?: string[]): Promise<Client> {
  const client = new Client(
    { name: "test-client", version: "1.0.0" },
    roots ? { capabilities: { roots: {} } } : {},
  );
  if (roots) {
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: roots.map((dir) => ({ uri: pathToFileURL(dir).href, name: dir })),
    }));
  }
  const transport = new StdioClientTransport({
    command: process.execPath,
    // tsx by path: the server's working directory is the user's folder, which has no node_modules.
    args: [
      "--import",
      pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href,
      join(repoRoot, "scripts/cli.ts"),
      "mcp",
      "--root",
      granted,
    ],
    cwd: granted,
    stderr: "pipe",
  });
  await client.connect(transport);
  return client;
}

type CallResult = Awaited<ReturnType<Client["callTool"]>>;
const structured = (result: CallResult) => result.structuredContent as Record<string, unknown>;
const text = (result: CallResult) =>
  (result.content as { type: string; text?: string }[]).map((c) => c.text ?? "").join("\n");

let client: Client;
beforeAll(async () => {
  mkdirSync(other, { recursive: true });
  cpSync(join(repoRoot, "examples/demo-infra"), infra, { recursive: true });
  execFileSync("git", ["init", "-q", "-b", "main", infra]);
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "infra");
  cpSync(join(repoRoot, "test/fixtures/cost/real-create.plan.json"), join(granted, "plan.json"));
  writeFileSync(join(other, "secret.tf"), 'resource "aws_s3_bucket" "x" {}\n');
  client = await connect();
}, 60_000);

afterAll(async () => {
  await client.close();
  rmSync(work, { recursive: true, force: true });
});

describe("devops-agent mcp over stdio", () => {
  it("lists the six tools with JSON-schema inputs and outputs", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "diagnose",
      "docs",
      "inventory",
      "plan_summarize",
      "propose_change",
      "validate",
    ]);
    const validate = tools.find((t) => t.name === "validate");
    expect(validate?.inputSchema).toMatchObject({
      type: "object",
      properties: { path: { type: "string" } },
      required: ["path"],
    });
    expect(validate?.outputSchema).toMatchObject({ type: "object" });
  });

  it("validate: findings and the checks that ran, as structured content", async () => {
    const result = await client.callTool({ name: "validate", arguments: { path: "infra" } });
    expect(result.isError).toBeFalsy();
    expect(structured(result)).toMatchObject({ ok: true, findings: [] });
    expect(Array.isArray(structured(result).checks)).toBe(true);
  });

  it("validate: a finding about a whole file (no line) comes back as structured content", async () => {
    const broken = join(granted, "broken");
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, "main.tf"), Buffer.from([0x72, 0x00, 0xff, 0x0a]));
    const result = await client.callTool({ name: "validate", arguments: { path: "broken" } });
    expect(result.isError).toBeFalsy();
    expect(structured(result)).toMatchObject({ ok: false });
    expect(structured(result).findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: "main.tf", line: null, severity: "error" })]),
    );
  });

  it("inventory: the demo repository's resources", async () => {
    const result = await client.callTool({ name: "inventory", arguments: { path: infra } });
    const resources = structured(result).resources as Record<string, number>;
    expect(resources.aws_s3_bucket).toBeGreaterThan(0);
  });

  it("plan_summarize: counts of a real plan", async () => {
    const result = await client.callTool({ name: "plan_summarize", arguments: { path: "plan.json" } });
    expect(structured(result)).toMatchObject({ create: 6, update: 0, delete: 0, replace: 0 });
  });

  it("diagnose: a log given as text, with secrets in it redacted from the answer", async () => {
    const log = [
      "Run terraform apply -auto-approve",
      `export AWS_ACCESS_KEY_ID=${AWS_KEY}`,
      "Error: error configuring Terraform AWS Provider: no valid credential sources for Terraform AWS Provider found.",
    ].join("\n");
    const result = await client.callTool({ name: "diagnose", arguments: { log } });
    expect(structured(result).category).toBe("credentials");
    expect(JSON.stringify(result)).not.toContain(AWS_KEY);
  });

  it("docs: offline, from the bundled schema", async () => {
    const result = await client.callTool({
      name: "docs",
      arguments: { type: "aws_sqs_queue", offline: true },
    });
    expect(structured(result)).toMatchObject({ type: "aws_sqs_queue" });
    expect(["schema", "cache"]).toContain(structured(result).source);
  });

  it("propose_change: returns the diff and leaves the repository untouched", async () => {
    const branches = git("branch", "--list");
    const head = git("rev-parse", "HEAD");
    const result = await client.callTool({
      name: "propose_change",
      arguments: { path: "infra", request: "an SQS queue for orders with a dead-letter queue" },
    });
    expect(result.isError).toBeFalsy();
    expect(structured(result).committed).toBe(false);
    expect(structured(result).diff).toContain('+resource "aws_sqs_queue"');
    expect(git("branch", "--list")).toBe(branches);
    expect(git("rev-parse", "HEAD")).toBe(head);
    expect(git("status", "--porcelain")).toBe("");
  }, 60_000);

  it("refuses paths outside the granted roots, including through ../ and symlinks", async () => {
    const { symlinkSync } = await import("node:fs");
    symlinkSync(other, join(granted, "link-out"));
    for (const path of [other, "../other", "link-out", "/etc"]) {
      const result = await client.callTool({ name: "validate", arguments: { path } });
      expect(result.isError).toBe(true);
      expect(text(result)).toContain("outside the roots this MCP client granted");
    }
  });

  it("bad input is a tool error, not a crash: the server answers the next call", async () => {
    const missing = await client.callTool({ name: "inventory", arguments: { path: "no-such-dir" } });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toContain("no such file or directory");
    const both = await client.callTool({ name: "diagnose", arguments: {} });
    expect(both.isError).toBe(true);
    const invalid = await client
      .callTool({ name: "docs", arguments: { type: "; rm -rf /" } })
      .catch((e: unknown) => e);
    expect(invalid instanceof Error || (invalid as CallResult).isError === true).toBe(true);
    const after = await client.callTool({ name: "plan_summarize", arguments: { path: "plan.json" } });
    expect(structured(after).create).toBe(6);
  });
});

describe("devops-agent mcp with a client that grants roots", () => {
  it("confines paths to the client's roots, not the server's fallback", async () => {
    const scoped = await connect([other]);
    try {
      const denied = await scoped.callTool({ name: "inventory", arguments: { path: infra } });
      expect(denied.isError).toBe(true);
      const allowed = await scoped.callTool({ name: "inventory", arguments: { path: other } });
      expect((structured(allowed).resources as Record<string, number>).aws_s3_bucket).toBe(1);
    } finally {
      await scoped.close();
    }
  }, 60_000);
});
