import type { AgentCommand, CommandName } from "../core/commands/index.js";
import type { RepoConfig } from "../core/config/index.js";
import type { Redactor } from "../core/redact/index.js";
import type { GitHubPort, Octokit, ThreadRef } from "../adapters/github/index.js";
import type { LlmClient } from "../adapters/llm/index.js";
import type { GitAuthor } from "../adapters/workspace/index.js";
import type { DocsClient } from "../adapters/docs/index.js";
import type { Job } from "../jobs/types.js";
import type { FeedbackStore } from "../adapters/feedback/index.js";

/** The slice of pino's interface we use, so tests and the CLI can pass any logger. */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** How tasks get a git checkout of the repository: where to clone from and as whom to commit. */
export interface WorkspaceSettings {
  /** Where repositories live: `https://github.com`, a GHE host, or a `file://` folder of bare repos in tests. */
  gitBaseUrl: string;
  /** Root of the links the app writes (commits, workflow runs): `https://github.com` unless on GHE. */
  webBaseUrl?: string | undefined;
  author: GitAuthor;
  /** Only for tests whose remote is a local bare repository. */
  allowFileProtocol?: boolean | undefined;
  /** Where this deployment's Action is published (`acme/aws-devops-agent/action@v1`), for `/agent setup`. */
  actionRef?: string | undefined;
  /** Open the onboarding issue when the app is installed on a repository (ONBOARDING_ISSUE, default on). */
  onboardingIssue?: boolean | undefined;
}

/** Everything a task may touch, for one job in one repository. */
export interface TaskContext {
  job: Job;
  thread: ThreadRef;
  config: RepoConfig;
  github: GitHubPort;
  /** For API calls the port does not wrap yet; prefer adding a port method. */
  octokit: Octokit;
  redactor: Redactor;
  /** The installation token for git over HTTPS; null when the connection has none. */
  token: string | null;
  /** Null when no model is configured: the agent then works from recipes only. */
  llm: LlmClient | null;
  workspaces: WorkspaceSettings;
  /** Live AWS and provider documentation for the agent; null: the bundled schema only. */
  docs: DocsClient | null;
  /** Raw feedback signals (PR outcomes, corrections, `/agent feedback`…); null when none is configured. */
  feedback: FeedbackStore | null;
  log: Log;
  now: () => number;
  /** The commands this deployment can run, for `/agent help`. */
  available: readonly CommandTask[];
}

export interface TaskResult {
  outcome: "done" | "declined" | "nothing-to-do";
  detail?: string;
  llm?: { calls: number; promptTokens: number; completionTokens: number };
}

export interface CommandTask {
  name: CommandName;
  usage: string;
  summary: string;
  /** Shown in help and checked before running: e.g. "pull requests only". */
  where: "issues" | "pull-requests" | "both";
  run(ctx: TaskContext, command: AgentCommand): Promise<TaskResult>;
}
