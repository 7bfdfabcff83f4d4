import type { Probot } from "probot";
import { z } from "zod";
import { createRedactor } from "./core/redact/index.js";
import { createGitHubPort } from "./adapters/github/index.js";
import { llmFromSettings, type LlmSettings } from "./adapters/llm/index.js";
import { bundledSchemaSource, createDocsClient, defaultCacheDir } from "./adapters/docs/index.js";
import { createFeedbackStore, type FeedbackSettings } from "./adapters/feedback/index.js";
import type { Connection } from "./tasks/process-job.js";
import type { WorkspaceSettings } from "./tasks/types.js";

const TokenAuth = z.object({ token: z.string() });

export interface ConnectOptions {
  /** The app's own `<slug>[bot]` login (see adapters/github/identity.ts). */
  botLogin: string;
  /** Secrets the server holds (LLM key, private key) that must never be printed. */
  secrets?: (string | undefined)[];
  /** Null: no model configured, recipes only. */
  llm?: LlmSettings | null;
  workspaces: WorkspaceSettings;
  /** Live documentation for the agent; null or absent: the bundled provider schema only. */
  docs?: DocsSettings | null;
  /** Where feedback is recorded; null or absent: nothing is recorded and only the lessons file is used. */
  feedback?: FeedbackSettings | null | undefined;
}

export interface DocsSettings {
  cacheDir?: string | undefined;
}

/** The clone URL of a repository; the token travels in a header, never in the URL. */
export function cloneUrl(settings: WorkspaceSettings, owner: string, repo: string): string {
  return `${settings.gitBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}.git`;
}

/** A repository's page on the GitHub the app serves (github.com or the GHE host), for links in comments. */
export function repoWebUrl(settings: WorkspaceSettings, owner: string, repo: string): string {
  const base = (settings.webBaseUrl ?? "https://github.com").replace(/\/+$/, "");
  return `${base}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}

/** Installation-scoped GitHub access for one job, with the installation token masked before any use. */
export function createConnector(
  probot: Probot,
  options: ConnectOptions,
): (installationId: number) => Promise<Connection> {
  // One client per process: its disk cache and in-flight de-duplication are shared by every job.
  const docs = options.docs ? createDocsClient(docsClientOptions(options.docs)) : null;
  const feedback = options.feedback ? createFeedbackStore(options.feedback) : null;
  const clients = createClientCache(probot);
  return async (installationId) => {
    const octokit = await clients.get(installationId);
    const redactor = createRedactor(options.secrets ?? []);
    const auth = TokenAuth.safeParse(await octokit.auth({ type: "installation" }));
    const token = auth.success ? auth.data.token : null;
    redactor.register(token ?? undefined);
    const github = createGitHubPort(octokit, {
      redactText: (t) => redactor.redact(t),
      botLogin: options.botLogin,
    });
    const llm = options.llm ? llmFromSettings(options.llm, redactor) : null;
    return { github, octokit, redactor, token, llm, workspaces: options.workspaces, docs, feedback };
  };
}

function docsClientOptions(settings: DocsSettings) {
  const schema = bundledSchemaSource();
  return { cacheDir: settings.cacheDir ?? defaultCacheDir(), ...(schema ? { schema } : {}) };
}

const CLIENT_TTL_MS = 30 * 60 * 1000;
const MAX_CLIENTS = 1000;

/**
 * Installation clients are reused: building an Octokit with its plugins costs more CPU than the requests a
 * small job makes, and the client refreshes its installation token by itself when it expires.
 */
function createClientCache(probot: Probot, now: () => number = Date.now) {
  const cache = new Map<number, { client: Promise<Awaited<ReturnType<Probot["auth"]>>>; at: number }>();
  return {
    get(installationId: number) {
      const hit = cache.get(installationId);
      if (hit && now() - hit.at < CLIENT_TTL_MS) return hit.client;
      const client = probot.auth(installationId);
      // A failed authentication must not be remembered.
      client.catch(() => cache.delete(installationId));
      cache.set(installationId, { client, at: now() });
      if (cache.size > MAX_CLIENTS) cache.delete(cache.keys().next().value ?? installationId);
      return client;
    },
  };
}
