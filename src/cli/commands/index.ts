import type { CliCommand } from "../io.js";

/**
 * One entry per `devops-agent` command, each in its own file beside this one. The summary is here so
 * `--help` lists commands without loading them; `load` imports a command's module (and so its
 * dependencies) only when that command runs. test/cli/main.test.ts checks each summary matches its module.
 */
export interface CommandEntry {
  summary: string;
  load: () => Promise<CliCommand>;
}

export const commands: Record<string, CommandEntry> = {
  ask: {
    summary: "propose, validate and commit a change on a new local branch",
    load: async () => (await import("./ask.js")).askCommand,
  },
  diagnose: {
    summary: "diagnose a failed CI job log (known signatures, no LLM)",
    load: async () => (await import("./diagnose.js")).diagnoseCommand,
  },
  docs: {
    summary: "documentation for an AWS resource type (data.TYPE for a data source)",
    load: async () => (await import("./docs.js")).docsCommand,
  },
  inventory: {
    summary: "what AWS infrastructure the Terraform in DIR declares",
    load: async () => (await import("./inventory.js")).inventoryCommand,
  },
  mcp: {
    summary: "an MCP server for AI editors and agents (stdio, or --http)",
    load: async () => (await import("./mcp.js")).mcpCommand,
  },
  plan: {
    summary: "summarize `terraform show -json` output (Markdown comment or JSON)",
    load: async () => (await import("./plan.js")).planCommand,
  },
  review: {
    summary: "validator, security and cost review of a Terraform tree (text, JSON or SARIF)",
    load: async () => (await import("./review.js")).reviewCommand,
  },
  validate: {
    summary: "offline checks against the AWS provider schema",
    load: async () => (await import("./validate.js")).validateCommand,
  },
  worker: {
    summary: "runs queued jobs from Redis (REDIS_URL); any number of replicas",
    load: async () => (await import("./worker.js")).workerCommand,
  },
};
