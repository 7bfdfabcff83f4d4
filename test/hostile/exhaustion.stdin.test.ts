import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";

// The real process, the way users pipe a log into it: `devops-agent diagnose -` (from source through tsx).
const ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Pipes `chunks` copies of `chunk` into the CLI, with backpressure, then `tail`. */
function pipeInto(args: string[], chunk: Buffer, chunks: number, tail: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, "scripts", "cli.ts"), ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    let sent = 0;
    const write = (): void => {
      while (sent < chunks) {
        sent += 1;
        if (!child.stdin.write(chunk)) {
          child.stdin.once("drain", write);
          return;
        }
      }
      child.stdin.end(tail);
    };
    write();
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const MB = 1024 * 1024;
const noisyLine =
  "2026-01-01T00:00:00.0000000Z building module with a long progress line ".padEnd(199, ".") + "\n";
const noise = Buffer.from(noisyLine.repeat(Math.floor(MB / noisyLine.length)));

describe("hostile: huge standard input is streamed, not buffered", () => {
  it("diagnoses a 64 MB log piped into `diagnose -` and finds the cause at its end", async () => {
    const run = await pipeInto(
      ["diagnose", "-", "--json"],
      noise,
      64,
      "Error: error configuring S3 Backend: no valid credential sources for S3 Backend found.\n",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { evidence: string[] };
    expect(out.evidence.join("\n")).toContain("no valid credential sources");
  }, 60_000);

  it("a single 32 MB line with no newline is cut, not held, and answered", async () => {
    const blob = Buffer.alloc(MB, "A");
    const run = await pipeInto(["diagnose", "-", "--json"], blob, 32, "\nError: boom\n");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { evidence: string[] };
    expect(out.evidence.join("\n").length).toBeLessThan(10_000);
  }, 60_000);
});
