// `devops-agent mcp --http PORT`: streamable HTTP, stateless, spoken to by the SDK's HTTP client.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
let server: ChildProcess;
let url: URL;

beforeAll(async () => {
  server = spawn(
    process.execPath,
    [
      "--import",
      pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href,
      join(repoRoot, "scripts/cli.ts"),
      "mcp",
      "--http",
      "0",
      "--root",
      join(repoRoot, "test/fixtures/cost"),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  url = await new Promise<URL>((found, fail) => {
    let err = "";
    server.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const match = /streamable HTTP on (http:\/\/\S+)/.exec(err);
      if (match?.[1]) found(new URL(match[1]));
    });
    server.once("exit", (code) => fail(new Error(`server exited with ${code}: ${err}`)));
  });
}, 60_000);

afterAll(() => {
  server.kill("SIGTERM");
});

describe("devops-agent mcp --http", () => {
  it("listens on loopback only, and answers tools/list and tools/call", async () => {
    expect(url.hostname).toBe("127.0.0.1");
    const client = new Client({ name: "http-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(url));
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(6);
    const result = await client.callTool({
      name: "plan_summarize",
      arguments: { path: "real-create.plan.json" },
    });
    expect(result.structuredContent).toMatchObject({ create: 6 });
    await client.close();
  });

  it("answers 404 off the /mcp path", async () => {
    const response = await fetch(new URL("/other", url));
    expect(response.status).toBe(404);
  });
});
