import type { CliCommand } from "../io.js";
import { askCommand } from "./ask.js";
import { diagnoseCommand } from "./diagnose.js";
import { docsCommand } from "./docs.js";
import { inventoryCommand } from "./inventory.js";
import { planCommand } from "./plan.js";
import { validateCommand } from "./validate.js";

/** The `devops-agent` commands, by name. Each lives in its own file beside this one. */
export const commands: Record<string, CliCommand> = {
  ask: askCommand,
  diagnose: diagnoseCommand,
  docs: docsCommand,
  inventory: inventoryCommand,
  plan: planCommand,
  validate: validateCommand,
};
