import { closestName } from "../core/terraform/validate/suggest.js";
import { type CommandEntry, commands } from "./commands/index.js";
import { type CliCommand, type CliIO, UsageError, processIO, safeIO } from "./io.js";
import { wrapText } from "./wrap.js";

const COLUMNS = 100;

const EXIT_CODES =
  "Exit codes: 0 success; 1 the command ran and found a problem; 2 bad usage or unreadable input.";

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return [
    "Usage: devops-agent <command> [options]",
    "       devops-agent <command> --help     what a command does, its options and exit codes",
    "       devops-agent --version",
    "",
    "Commands:",
    ...lines,
    "",
    EXIT_CODES,
  ].join("\n");
}

function commandHelp(command: CliCommand): string {
  const text =
    command.help ?? [`Usage: devops-agent ${command.usage}`, "", command.summary, "", EXIT_CODES].join("\n");
  return wrapText(text, COLUMNS);
}

/** `--help` or `-h` before a `--`: the command's help, whatever else is on the line. */
function asksForHelp(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

function unknownCommand(name: string): string {
  const guess = closestName(name, Object.keys(commands));
  const hint = guess === null ? "" : ` Did you mean "${guess}"?`;
  return `devops-agent: unknown command "${name}".${hint} Run "devops-agent --help" for the list.`;
}

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 a problem found, 2 bad usage or input. */
export async function run(argv: string[], rawIO: CliIO = processIO()): Promise<number> {
  const io = safeIO(rawIO);
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    if (name === undefined) io.stderr(usage());
    else io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    const { versionText } = await import("./version.js");
    io.stdout(await versionText());
    return 0;
  }
  const entry: CommandEntry | undefined = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr(unknownCommand(name));
    return 2;
  }
  try {
    const command = await entry.load();
    if (asksForHelp(rest)) {
      io.stdout(commandHelp(command));
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`devops-agent ${name}: ${error.message}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`devops-agent ${name}: failed: ${message.split("\n")[0] ?? ""}`);
    return 2;
  }
}
