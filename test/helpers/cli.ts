import { Readable } from "node:stream";
import { run } from "../../src/cli/main.js";
import type { CliIO } from "../../src/cli/io.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, capturing output; `stdin` feeds `-` arguments. */
export async function runCli(
  argv: string[],
  options: { stdin?: string | Buffer; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (text) => (stdout += text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => (stderr += text.endsWith("\n") ? text : `${text}\n`),
    readStdin: () => Promise.resolve(Buffer.from(options.stdin ?? "")),
    stdinStream: () => Readable.from([Buffer.from(options.stdin ?? "")]),
    env: {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
