// Builds the real app (handlers → queue → job processor) on a Probot instance whose GitHub API is nock.
import { Probot, ProbotOctokit } from "probot";
import { createRuntime, type Runtime } from "../../src/runtime.js";
import type { CommandTask, Log, WorkspaceSettings } from "../../src/tasks/types.js";
import type { LlmSettings } from "../../src/adapters/llm/index.js";
import type { Payload } from "./payloads.js";

export interface LogEntry {
  level: "info" | "warn" | "error";
  obj: object;
  msg: string | undefined;
}

export function captureLog(): Log & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const push = (level: LogEntry["level"]) => (obj: object, msg?: string) => entries.push({ level, obj, msg });
  return {
    entries,
    info: push("info"),
    warn: push("warn"),
    error: push("error"),
    text: () => JSON.stringify(entries),
  };
}

export interface TestApp {
  probot: Probot;
  runtime: Runtime;
  log: ReturnType<typeof captureLog>;
  /** Delivers one webhook and waits until every job it queued has finished. */
  deliver(name: string, payload: Payload, id?: string): Promise<void>;
}

let counter = 0;

/** The login the test app comments as (what `GET /app` → `<slug>[bot]` gives in production). */
export const BOT_LOGIN = "devops-agent[bot]";

// Probot merges its own throttle settings over plain defaults; a function default is applied last, so the
// 1-second spacing between writes (right for production) does not slow the tests down.
export const testOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

export async function createTestApp(
  options: {
    tasks?: readonly CommandTask[];
    token?: string;
    workspaces?: WorkspaceSettings;
    llm?: LlmSettings | null;
  } = {},
): Promise<TestApp> {
  const probot = new Probot({
    githubToken: options.token ?? "test-installation-token",
    Octokit: testOctokit,
    logLevel: "fatal",
  });
  const log = captureLog();
  const runtime = createRuntime({
    probot,
    log,
    concurrency: 2,
    botLogin: BOT_LOGIN,
    ...(options.tasks ? { tasks: options.tasks } : {}),
    ...(options.workspaces ? { workspaces: options.workspaces } : {}),
    llm: options.llm ?? null,
    now: () => 1_700_000_000_000,
  });
  await probot.load(runtime.appFn);
  return {
    probot,
    runtime,
    log,
    async deliver(name, payload, id) {
      counter += 1;
      await probot.receive({ id: id ?? `delivery-${counter}`, name, payload } as Parameters<
        Probot["receive"]
      >[0]);
      await runtime.queue.idle();
    },
  };
}
