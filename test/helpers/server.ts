import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Probot } from "probot";
import { createAppServer, type AppServer } from "../../src/server.js";
import type { RedisJobQueue } from "../../src/jobs/redis/queue.js";
import { BOT_LOGIN, testOctokit } from "./app.js";

export const WEBHOOK_SECRET = "test-webhook-secret";

export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface RunningServer extends AppServer {
  url: string;
}

/** The real HTTP server on a loopback port, GitHub API answered by whatever the test sets up. */
export async function startTestServer(
  options: { baseUrl?: string; concurrency?: number; worker?: boolean; queue?: RedisJobQueue } = {},
): Promise<RunningServer> {
  const probot = new Probot({
    githubToken: "test-installation-token",
    secret: WEBHOOK_SECRET,
    Octokit: testOctokit,
    logLevel: "fatal",
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  const app = await createAppServer({
    probot,
    webhookPath: "/api/github/webhooks",
    webhookSecret: WEBHOOK_SECRET,
    botLogin: BOT_LOGIN,
    concurrency: options.concurrency ?? 4,
    drainTimeoutMs: 5_000,
    ...(options.queue ? { queue: options.queue } : {}),
    ...(options.worker
      ? {
          worker: {
            probot: {
              githubToken: "test-installation-token",
              ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
            },
            throttle: false,
            botLogin: BOT_LOGIN,
            logLevel: "fatal" as const,
            secrets: [],
            llm: null,
            docs: null,
            workspaces: {
              gitBaseUrl: "https://github.com",
              author: { name: "devops-agent[bot]", email: "bot@example.com" },
            },
          },
        }
      : {}),
  });
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const { port } = app.server.address() as AddressInfo;
  return { ...app, url: `http://127.0.0.1:${port}` };
}

export function postWebhook(url: string, event: string, body: string, id: string, signature = sign(body)) {
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": id,
      "x-hub-signature-256": signature,
    },
    body,
  });
}
