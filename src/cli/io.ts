import { readFile } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestName } from "../core/terraform/validate/suggest.js";

/** Everything a CLI command touches outside its arguments, so tests can drive commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Bad usage or unreadable input: exit code 2 with a one-line reason. */
export class UsageError extends Error {
  override name = "UsageError";
}

export type CommandRunner = (argv: string[], io: CliIO) => Promise<number>;

export interface CliCommand {
  usage: string;
  summary: string;
  /** The full `COMMAND --help` text; without it, help is the usage line and the summary. */
  help?: string;
  run: CommandRunner;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks);
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Reads FILE, or standard input when FILE is `-`. */
export async function readInput(file: string, io: CliIO): Promise<Buffer> {
  if (file === "-") return io.readStdin();
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new UsageError(`cannot read ${file}: ${code}`);
  }
}

/**
 * `node:util` parseArgs, with a bad flag turned into a one-line usage error (exit 2) that names the
 * closest known flag. `--help`/`-h` never reach a command: the CLI's main answers them.
 */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    // Not `instanceof Error`: errors thrown by Node's internals can come from another realm (e.g. under Jest).
    const message =
      typeof error === "object" && error !== null && "message" in error
        ? String(error.message)
        : String(error);
    const unknown = /^Unknown option '(--?[^']+)'/.exec(message)?.[1];
    if (unknown !== undefined) throw new UsageError(unknownFlag(unknown, Object.keys(config.options ?? {})));
    throw new UsageError(message.split("\n")[0] ?? "bad arguments");
  }
}

function unknownFlag(flag: string, known: string[]): string {
  const guess = flag.startsWith("--") ? closestName(flag.slice(2), known) : null;
  return `unknown option ${flag}${guess === null ? "" : ` (did you mean --${guess}?)`}`;
}
