import type { CliIO } from "../cli/io.js";
import { run } from "../cli/main.js";
import { redact } from "../core/redact/index.js";

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one `devops-agent` command in-process with its output captured (stdout belongs to the MCP protocol). */
export async function callCli(argv: string[], cwd: string, stdin?: string): Promise<CliOutcome> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (text) => (stdout += text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => (stderr += text.endsWith("\n") ? text : `${text}\n`),
    readStdin: () => Promise.resolve(Buffer.from(stdin ?? "")),
    stdinStream: () => chunks(stdin ?? ""),
    env: process.env,
    cwd,
  };
  const code = await run(argv, io);
  return { code, stdout: redact(stdout), stderr: redact(stderr) };
}

function chunks(text: string): AsyncIterable<Uint8Array> {
  return (async function* () {
    if (text !== "") yield await Promise.resolve(Buffer.from(text));
  })();
}
