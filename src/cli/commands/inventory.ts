import { resolve } from "node:path";
import { TerraformRootError, loadTerraformDirectory } from "../../adapters/terraform/index.js";
import { redactDeep } from "../../core/redact/index.js";
import {
  type InventoryContract,
  applyRootGlobs,
  buildInventory,
  toInventoryContract,
} from "../../core/terraform/inventory/index.js";
import { type CliCommand, UsageError } from "../io.js";
import { parseDirFlags } from "../dir-flags.js";
import { readRepoConfig } from "../repo-config.js";

const HELP = `devops-agent inventory DIR [--json]

What AWS infrastructure the Terraform under DIR declares: resources and data sources by type, module
calls, and the root modules (directories Terraform would run in; terraform.roots globs in
DIR/.github/devops-agent.yml decide when present). Scans .tf, .tf.json, .tofu and .tofu.json files
recursively, skipping .terraform/, hidden folders and node_modules/.

--json   print {resources, dataSources, modules, files, errors} instead of tables

Exit codes: 0 inventory taken (warnings such as a symlink out of DIR do not count);
1 some files could not be read or parsed (listed in errors), or DIR holds no Terraform files;
2 bad usage, or DIR is missing or unreadable.`;

// Terraform files that were found but could not be used still count as files of the configuration.
const FILE_PROBLEMS = new Set(["parse_error", "binary_file", "file_too_large"]);

export const inventoryCommand: CliCommand = {
  help: HELP,
  usage: "inventory DIR [--json]",
  summary: "what AWS infrastructure the Terraform in DIR declares",
  async run(argv, io) {
    const { dir, json, help } = parseDirFlags("inventory", argv);
    if (help) {
      io.stdout(HELP);
      return 0;
    }
    let loaded;
    try {
      loaded = await loadTerraformDirectory(resolve(io.cwd, dir));
    } catch (error) {
      if (error instanceof TerraformRootError)
        throw new UsageError(error.message.replace(resolve(io.cwd, dir), dir));
      throw error;
    }
    // The repo config's terraform.roots globs decide which directories are roots, as for ask and the app.
    const config = await readRepoConfig(resolve(io.cwd, dir), io);
    const inventory = applyRootGlobs(buildInventory(loaded.files), config.terraform.roots);
    const fileCount = loaded.files.length + loaded.errors.filter((e) => FILE_PROBLEMS.has(e.code)).length;
    const contract = redactDeep(toInventoryContract(inventory, fileCount, loaded.errors));
    const empty = fileCount === 0 && loaded.errors.length === 0;
    if (json) io.stdout(JSON.stringify(contract, null, 2));
    else if (!empty) io.stdout(renderTables(dir, contract, inventory.rootModules));
    if (empty)
      io.stderr(
        `devops-agent inventory: no Terraform files (.tf, .tf.json, .tofu, .tofu.json) found under ${dir}`,
      );
    return empty || contract.errors.some((e) => e.severity === "error") ? 1 : 0;
  },
};

function renderTables(dir: string, contract: InventoryContract, roots: string[]): string {
  const resourceTotal = Object.values(contract.resources).reduce((a, b) => a + b, 0);
  const rootList = roots.length === 0 ? "none" : roots.map((r) => r || ".").join(", ");
  const lines = [`Terraform in ${dir}: ${contract.files} file(s); root modules: ${rootList}`];
  lines.push("", `Resources (${resourceTotal})`, ...counts(contract.resources));
  const dataTotal = Object.values(contract.dataSources).reduce((a, b) => a + b, 0);
  lines.push("", `Data sources (${dataTotal})`, ...counts(contract.dataSources));
  lines.push("", `Module calls (${contract.modules.length})`);
  lines.push(
    ...table(
      ["NAME", "SOURCE"],
      contract.modules.map((m) => [m.name, m.source ?? "(not a literal)"]),
    ),
  );
  if (contract.errors.length > 0) {
    lines.push("", `Problems (${contract.errors.length})`);
    const rows = contract.errors.map((e) => [
      e.line === null ? e.file : `${e.file}:${e.line}`,
      e.severity,
      e.code,
      e.message,
    ]);
    lines.push(...table(["WHERE", "SEVERITY", "CODE", "MESSAGE"], rows));
  }
  return lines.join("\n");
}

function counts(byType: Record<string, number>): string[] {
  return table(
    ["TYPE", "COUNT"],
    Object.entries(byType).map(([type, count]) => [type, String(count)]),
  );
}

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ["  (none)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const format = (row: string[]): string =>
    `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")}`.trimEnd();
  return [format(header), ...rows.map(format)];
}
