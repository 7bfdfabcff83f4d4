import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { redact } from "../core/redact/index.js";
import { rootPaths } from "./roots.js";
import { TOOLS, type ToolContext, errorResult } from "./tools.js";

export interface McpOptions {
  version: string;
  /** Used when the client does not offer roots: the directories `devops-agent mcp` was started with. */
  fallbackRoots: string[];
}

/**
 * The MCP server: every tool is a `devops-agent` command run in-process with --json. Paths are confined to
 * the roots the client grants (asked on every call, so a client that changes them is honoured), and every
 * output passes the redactor. A tool that fails answers with a tool error, never a crash.
 */
export function createMcpServer(options: McpOptions): McpServer {
  const server = new McpServer(
    { name: "devops-agent", version: options.version },
    {
      instructions:
        "Terraform and AWS tools: validate, inventory, plan_summarize, diagnose, docs, propose_change.",
    },
  );
  const ctx: ToolContext = {
    roots: async () => {
      if (!server.server.getClientCapabilities()?.roots) return options.fallbackRoots;
      const { roots } = await server.server.listRoots();
      return rootPaths(roots);
    },
  };
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
      },
      async (args: Record<string, unknown>) => {
        try {
          return await tool.run(args, ctx);
        } catch (error) {
          return errorResult(
            `${tool.name}: ${redact(error instanceof Error ? error.message : String(error))}`,
          );
        }
      },
    );
  }
  return server;
}
