// Runs the Action's entry point in-process against a temporary runner: files for GITHUB_OUTPUT, GITHUB_ENV,
// GITHUB_STATE and the job summary; a fake `terraform` first on PATH; stdout captured line by line.
import { jest } from "@jest/globals";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runAction } from "../../action/src/main.js";
import { createActionsIO } from "../../action/src/io.js";
import { createRedactor } from "../../src/core/redact/index.js";

export interface RootScript {
  init?: { code?: number; err?: string };
  plan?: { code?: number; err?: string };
  /** A fixture name under test/fixtures/plan for `terraform show -json`. */
  show?: string;
}

export interface Run {
  ok: boolean;
  stdout: string[];
  outputs: string;
  exported: string;
  summary: string;
  calls: string[];
  terraformEnv: string[];
  /** The program name each call ran under (`terraform`, `tofu`). */
  programs: string[];
  sleeps: number[];
}

export const OIDC_URL = "https://pipelines.actions.example";

/** A JWT-shaped token whose payload carries the claims STS would check. */
export const ID_TOKEN = [
  Buffer.from('{"alg":"RS256","typ":"JWT"}').toString("base64url"),
  Buffer.from(
    '{"sub":"repo:acme/infra:pull_request","aud":"sts.amazonaws.com","repository":"acme/infra"}',
  ).toString("base64url"),
  "c2lnbmF0dXJl",
].join(".");

export class Runner {
  readonly dir = mkdtempSync(join(tmpdir(), "action-test-"));
  readonly env: NodeJS.ProcessEnv;
  private readonly saved = { ...process.env };

  constructor(
    inputs: Record<string, string>,
    event: { name: string; payload: unknown },
    extra: NodeJS.ProcessEnv = {},
  ) {
    const bin = join(this.dir, "bin");
    mkdirSync(bin);
    copyFileSync(
      fileURLToPath(new URL("../fixtures/action/fake-terraform.sh", import.meta.url)),
      join(bin, "terraform"),
    );
    for (const file of ["output", "env", "state", "summary"]) writeFileSync(join(this.dir, file), "");
    writeFileSync(join(this.dir, "event.json"), JSON.stringify(event.payload));
    this.env = {
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      HOME: this.dir,
      GITHUB_WORKSPACE: join(this.dir, "ws"),
      RUNNER_TEMP: join(this.dir, "tmp"),
      GITHUB_OUTPUT: join(this.dir, "output"),
      GITHUB_ENV: join(this.dir, "env"),
      GITHUB_STATE: join(this.dir, "state"),
      GITHUB_STEP_SUMMARY: join(this.dir, "summary"),
      GITHUB_EVENT_PATH: join(this.dir, "event.json"),
      GITHUB_EVENT_NAME: event.name,
      GITHUB_REPOSITORY: "acme/infra",
      GITHUB_RUN_ID: "42",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_API_URL: "https://api.github.com",
      ACTIONS_ID_TOKEN_REQUEST_URL: `${OIDC_URL}/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "runner-request-token-abcdef",
      FAKE_TF_DIR: join(this.dir, "tf"),
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...extra,
    };
    mkdirSync(join(this.dir, "tf"));
    mkdirSync(join(this.dir, "ws"));
  }

  /** Installs the fake under another name (`tofu`) at `dir` (default: the bin directory first on PATH). */
  program(name: string, dir = join(this.dir, "bin")): string {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    copyFileSync(fileURLToPath(new URL("../fixtures/action/fake-terraform.sh", import.meta.url)), path);
    return path;
  }

  root(name: string, script: RootScript): this {
    mkdirSync(join(this.dir, "ws", name), { recursive: true });
    const dir = join(this.dir, "tf", name);
    mkdirSync(dir, { recursive: true });
    for (const step of ["init", "plan"] as const) {
      const s = script[step];
      if (s?.code !== undefined) writeFileSync(join(dir, `${step}.code`), String(s.code));
      if (s?.err !== undefined) writeFileSync(join(dir, `${step}.err`), s.err);
    }
    if (script.show) {
      copyFileSync(
        fileURLToPath(new URL(`../fixtures/plan/${script.show}`, import.meta.url)),
        join(dir, "show.out"),
      );
    }
    return this;
  }

  async run(): Promise<Run> {
    const stdout: string[] = [];
    const sleeps: number[] = [];
    // @actions/core reads process.env and writes workflow commands to process.stdout.
    for (const key of Object.keys(process.env)) if (!(key in this.env)) delete process.env[key];
    Object.assign(process.env, this.env);
    const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(...String(chunk).split(/\r?\n/).filter(Boolean));
      return true;
    });
    try {
      const redactor = createRedactor();
      const ok = await runAction(this.env, {
        io: createActionsIO(redactor),
        redactor,
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
        random: () => 0.5,
      });
      const read = (name: string) =>
        existsSync(join(this.dir, name)) ? readFileSync(join(this.dir, name), "utf8") : "";
      const lines = (name: string) => read(name).split("\n").filter(Boolean);
      return {
        ok,
        stdout,
        sleeps,
        outputs: read("output"),
        exported: read("env"),
        summary: read("summary"),
        calls: lines("tf/calls.log"),
        terraformEnv: lines("tf/env.log"),
        programs: lines("tf/programs.log"),
      };
    } finally {
      spy.mockRestore();
      for (const key of Object.keys(process.env)) delete process.env[key];
      Object.assign(process.env, this.saved);
    }
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Reads one output from the GITHUB_OUTPUT file (heredoc format written by @actions/core). */
export function output(file: string, name: string): string | undefined {
  const match = new RegExp(`^${name}<<(.+)\\n([\\s\\S]*?)\\n\\1$`, "m").exec(file);
  return match?.[2];
}
