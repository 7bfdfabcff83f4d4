import type { Probot } from "probot";
import { z } from "zod";
import { createRedactor } from "./core/redact/index.js";
import { createGitHubPort } from "./adapters/github/index.js";
import type { Connection } from "./tasks/process-job.js";

const TokenAuth = z.object({ token: z.string() });

export interface ConnectOptions {
  botLogin?: string | undefined;
  /** Secrets the server holds (LLM key, private key) that must never be printed. */
  secrets?: (string | undefined)[];
}

/** Installation-scoped GitHub access for one job, with the installation token masked before any use. */
export function createConnector(
  probot: Probot,
  options: ConnectOptions,
): (installationId: number) => Promise<Connection> {
  return async (installationId) => {
    const octokit = await probot.auth(installationId);
    const redactor = createRedactor(options.secrets ?? []);
    const auth = TokenAuth.safeParse(await octokit.auth({ type: "installation" }));
    if (auth.success) redactor.register(auth.data.token);
    const github = createGitHubPort(octokit, {
      redactText: (t) => redactor.redact(t),
      botLogin: options.botLogin,
    });
    return { github, octokit, redactor };
  };
}
