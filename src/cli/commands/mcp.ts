import { createServer } from "node:http";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { resolve } from "node:path";
import { type CliCommand, UsageError, parseCliArgs } from "../io.js";
import { packageVersion } from "../version.js";

const USAGE = "mcp [--root DIR]... [--http PORT [--host HOST]]";

const HELP = `devops-agent ${USAGE}

Runs a Model Context Protocol server on standard input/output (the way MCP clients start local servers),
with the tools validate, inventory, plan_summarize, diagnose, docs and propose_change. Paths are confined
to the roots the client grants; a client without roots gets the --root directories (default: the current
directory). See docs/mcp.md for client configuration.

--root DIR     a directory tools may read when the client offers no roots (repeatable)
--http PORT    serve streamable HTTP on PORT instead of stdio (stateless; loopback unless --host)
--host HOST    the address to listen on with --http (default 127.0.0.1)

Exit codes: 0 the client closed the connection; 2 bad usage.`;

export const mcpCommand: CliCommand = {
  usage: USAGE,
  help: HELP,
  summary: "an MCP server for AI editors and agents (stdio, or --http)",
  async run(argv, io) {
    const { values } = parseCliArgs({
      args: argv,
      options: {
        root: { type: "string", multiple: true },
        http: { type: "string" },
        host: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const fallbackRoots = (values.root ?? ["."]).map((dir) => resolve(io.cwd, dir));
    const { createMcpServer } = await import("../../mcp/server.js");
    const options = { version: packageVersion(), fallbackRoots };
    if (values.http !== undefined) {
      const port = Number(values.http);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--http ${values.http} is not a port`);
      return serveHttp(() => createMcpServer(options), port, values.host ?? "127.0.0.1", io);
    }
    if (values.host !== undefined) throw new UsageError("--host goes with --http");
    const { StdioServerTransport } = await import("@modelcontextprotocol/sdk/server/stdio.js");
    const server = createMcpServer(options);
    const closed = new Promise<void>((done) => {
      server.server.onclose = () => done();
    });
    await server.connect(new StdioServerTransport());
    await closed;
    return 0;
  },
};

/** Stateless streamable HTTP (no session id): one server and transport per POST, as the SDK advises. */
async function serveHttp(
  make: () => McpServer,
  port: number,
  host: string,
  io: Parameters<CliCommand["run"]>[1],
): Promise<number> {
  const { StreamableHTTPServerTransport } =
    await import("@modelcontextprotocol/sdk/server/streamableHttp.js");
  const http = createServer((req, res) => {
    if (req.method !== "POST" || req.url?.split("?")[0] !== "/mcp") {
      res.writeHead(req.url?.split("?")[0] === "/mcp" ? 405 : 404).end();
      return;
    }
    const server = make();
    const transport = new StreamableHTTPServerTransport({});
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((ready, fail) => http.once("error", fail).listen(port, host, ready));
  const address = http.address();
  io.stderr(
    `devops-agent mcp: streamable HTTP on http://${host}:${typeof address === "object" && address ? address.port : port}/mcp`,
  );
  await new Promise<void>((done) => {
    process.once("SIGTERM", done);
    process.once("SIGINT", done);
  });
  await new Promise<void>((done) => http.close(() => done()));
  return 0;
}
