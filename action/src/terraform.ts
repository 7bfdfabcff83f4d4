import { redact } from "../../src/core/redact/index.js";
import { spawn } from "node:child_process";
import { basename } from "node:path";
import { stripVTControlCharacters } from "node:util";

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export type Runner = (args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => Promise<RunResult>;

const MAX_STDERR = 1024 * 1024;

/** The name a program is called by in logs and errors: `terraform`, `tofu`. */
export const toolName = (binary: string): string => basename(binary);

/**
 * A runner for `binary` (terraform, tofu, or a checked path: see binary.ts) with an argument array: no shell
 * ever parses an input.
 */
export const commandRunner =
  (binary: string): Runner =>
  (args, { cwd, env }) =>
    new Promise((resolve) => {
      const child = spawn(binary, args, { cwd, env, shell: false, stdio: ["ignore", "pipe", "pipe"] });
      const out: Buffer[] = [];
      let err = "";
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => {
        if (err.length < MAX_STDERR) err += chunk.toString("utf8");
      });
      child.on("error", (error: NodeJS.ErrnoException) => {
        const reason =
          error.code === "ENOENT"
            ? `${binary} is not installed or not on PATH (add ${toolName(binary) === "tofu" ? "opentofu/setup-opentofu" : "hashicorp/setup-terraform"})`
            : error.message;
        resolve({ code: 127, stdout: Buffer.alloc(0), stderr: reason });
      });
      child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err }));
    });

/**
 * The environment terraform runs with: the job's, plus the role's credentials, minus what provider code must
 * never see (the GitHub token input and the runner's OIDC request token, which could mint more AWS sessions).
 */
export function terraformEnv(env: NodeJS.ProcessEnv, aws: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (
      key.startsWith("INPUT_") ||
      key.startsWith("ACTIONS_ID_TOKEN_REQUEST_") ||
      key === "ACTIONS_RUNTIME_TOKEN"
    )
      continue;
    clean[key] = value;
  }
  return { ...clean, ...aws, TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
}

const MAX_LINE = 400;

/**
 * The last lines of a failed command's output, small enough for a comment. Redacted before any cut (the
 * caller redacts again with the job's own secrets): a key block seen whole, no half token at a cut. The
 * window starts at a line boundary, so no secret is split by where reading began.
 */
export function errorExcerpt(
  stderr: string,
  maxLines = 60,
  maxChars = 8_000,
  redactText: (text: string) => string = redact,
): string {
  const reach = maxLines * (MAX_LINE * 4) + maxChars;
  let window = stderr;
  if (stderr.length > reach) {
    window = stderr.slice(-reach);
    window = window.slice(window.indexOf("\n") + 1);
  }
  // Every ANSI escape (colours, cursor moves, OSC links), not only colours.
  const lines = redactText(stripVTControlCharacters(window).replace(/\r/g, ""))
    .split("\n")
    .map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l));
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  const tail = lines.slice(-maxLines).join("\n");
  return tail.length > maxChars ? `…${tail.slice(-maxChars)}` : tail;
}
