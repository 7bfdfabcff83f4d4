import { readFile } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestName } from "../core/terraform/validate/suggest.js";
import { createRedactor } from "../core/redact/index.js";
import { terminalSafe } from "../core/text/invisible.js";

/** Everything a CLI command touches outside its arguments, so tests can drive commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Buffer>;
  /** Standard input chunk by chunk, for commands that stream it like a file (`diagnose -`). */
  stdinStream: () => AsyncIterable<Uint8Array>;
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
    stdinStream: () => process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

// Environment variables whose values must never be printed, whatever a command does with them.
const SECRET_ENV = /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL/i;
const MIN_ENV_SECRET = 8;

/**
 * The io every command gets: whatever it prints passes the redactor (known shapes plus the values of
 * secret-named environment variables) and loses control characters, escape sequences, bidi controls and
 * invisible characters, so neither a secret nor a terminal trick from a log, a file name or a plan value
 * reaches the terminal. Commands cannot forget it: `run` wraps before calling them.
 */
export function safeIO(io: CliIO): CliIO {
  const redactor = createRedactor();
  for (const [name, value] of Object.entries(io.env)) {
    if (SECRET_ENV.test(name) && value !== undefined && value.length >= MIN_ENV_SECRET)
      redactor.register(value);
  }
  const clean = (text: string) => terminalSafe(redactor.redact(text));
  return { ...io, stdout: (text) => io.stdout(clean(text)), stderr: (text) => io.stderr(clean(text)) };
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
