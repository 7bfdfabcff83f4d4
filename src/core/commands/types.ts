/** One `/agent` command found in a comment or issue body. */
export type AgentCommand =
  | { name: "help" }
  | { name: "plan"; dir: string | null }
  | { name: "apply"; dir: string | null }
  | { name: "setup" }
  | { name: "explain" }
  | { name: "fix" }
  | { name: "review" }
  | { name: "stats" }
  | { name: "feedback"; text: string }
  | { name: "lessons" }
  | { name: "forget"; id: string }
  | { name: "request"; text: string };

export type CommandName = AgentCommand["name"];

export interface ParsedCommand {
  command: AgentCommand;
  /** 1-based line of the `/agent` line in the source text. */
  line: number;
}

export interface ParseResult {
  commands: ParsedCommand[];
  /** Commands that were recognised but malformed, each with a reason for the user. */
  problems: { line: number; message: string }[];
}
