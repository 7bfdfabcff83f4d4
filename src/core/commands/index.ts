export { parseCommands } from "./parse.js";
export { stripHiddenContent } from "./sanitize.js";
export type { AgentCommand, CommandName, ParseResult, ParsedCommand } from "./types.js";
