import { commands } from "./commands/index.js";
import { type CliIO, UsageError, processIO } from "./io.js";

function usage(): string {
  const lines = Object.entries(commands).map(([, c]) => `  ${c.usage.padEnd(52)} ${c.summary}`);
  return ["Usage: devops-agent <command> [options]", "", "Commands:", ...lines].join("\n");
}

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 a problem found, 2 bad usage or input. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`devops-agent: unknown command "${name}". Run "devops-agent help" for the list.`);
    return 2;
  }
  try {
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
