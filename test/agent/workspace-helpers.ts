import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLlmClient, type LlmClient } from "../../src/adapters/llm/index.js";
import { gatherRepoContext, type AgentInput } from "../../src/agent/index.js";
import { DEFAULT_REPO_CONFIG, type RepoConfig } from "../../src/core/config/index.js";
import { createRedactor, type Redactor } from "../../src/core/redact/index.js";

/** A fake installation token: the shape the redactor knows, so it must never reach a prompt. */
export const FAKE_TOKEN = "ghs_FAKEtoken0123456789abcdefghijklmnopqrstuv";
export const API_KEY = "sk-agent-test-0123456789abcdef";

export interface LogEvent {
  level: "info" | "warn" | "error";
  obj: Record<string, unknown>;
}

export async function demoWorkspace(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "agent-test-"));
  await cp(join(process.cwd(), "examples", "demo-infra"), dir, { recursive: true });
  await writeFile(join(dir, "NOTES.md"), `Deploy token (do not share): ${FAKE_TOKEN}\n`);
  await mkdir(join(dir, ".git"));
  await writeFile(
    join(dir, ".git", "config"),
    `[http]\n\textraheader = AUTHORIZATION: basic ${FAKE_TOKEN}\n`,
  );
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function fixture(name: string): Promise<string> {
  return readFile(join(process.cwd(), "test", "fixtures", "llm", name), "utf8");
}

export function testLlm(redactor: Redactor, baseURL: string | null = null): LlmClient {
  return createLlmClient({
    apiKey: API_KEY,
    baseURL,
    model: "gpt-test",
    timeoutMs: 5_000,
    maxRetries: 2,
    redactor,
    sleep: () => Promise.resolve(),
  });
}

export async function agentInput(
  dir: string,
  request: string,
  options: {
    llm?: "scripted" | null;
    budgets?: Partial<RepoConfig["budgets"]>;
    config?: Partial<RepoConfig>;
  } = {},
): Promise<{ input: AgentInput; events: LogEvent[] }> {
  const events: LogEvent[] = [];
  const redactor = createRedactor();
  const context = await gatherRepoContext(dir);
  const config = {
    ...DEFAULT_REPO_CONFIG,
    ...options.config,
    budgets: { ...DEFAULT_REPO_CONFIG.budgets, ...options.budgets },
  };
  const log = {
    info: (obj: object) => events.push({ level: "info", obj: obj as Record<string, unknown> }),
    warn: (obj: object) => events.push({ level: "warn", obj: obj as Record<string, unknown> }),
    error: (obj: object) => events.push({ level: "error", obj: obj as Record<string, unknown> }),
  };
  const input: AgentInput = {
    workspaceDir: dir,
    request,
    inventory: context.inventory,
    conventions: context.conventions,
    config,
    llm: options.llm === null || options.llm === undefined ? null : testLlm(redactor),
    redactor,
    log,
    now: Date.now,
  };
  return { input, events };
}
