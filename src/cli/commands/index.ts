import type { CliCommand } from "../io.js";
import { docsCommand } from "./docs.js";

/** The `devops-agent` commands, by name. Each lives in its own file beside this one. */
export const commands: Record<string, CliCommand> = {
  docs: docsCommand,
};
