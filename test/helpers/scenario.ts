// End-to-end learning scenarios: the real app (handlers → queue → tasks) with a file feedback store, fed
// signed webhook deliveries built from @octokit/webhooks-examples, against a stateful nock GitHub backed by a
// real bare git repository seeded with the demo infrastructure.
import { createHmac } from "node:crypto";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Probot } from "probot";
import { createRuntime } from "../../src/runtime.js";
import { BOT_LOGIN, captureLog, testOctokit } from "./app.js";
import { DEMO_INFRA, createBareRepo, type BareRepo, type Seed } from "./git.js";
import { createGitHubWorld, type GitHubWorld } from "./github-world.js";
import { commentPayload, examplePayload, patchPayload, type Payload } from "./payloads.js";

const SECRET = "scenario-webhook-secret";

export interface Scenario {
  world: GitHubWorld;
  remote: BareRepo;
  log: ReturnType<typeof captureLog>;
  /** Signs the payload as GitHub does and hands it to Probot's verify-and-receive; waits for its jobs. */
  deliver(name: string, payload: Payload, id?: string): Promise<void>;
  /** `/agent …` (or any text) commented on issue/PR `number` by `sender`. */
  comment(number: number, body: string, sender?: string, pr?: boolean): Promise<void>;
  /** The agent's PR closed by the merge button (merged into the default branch for real). */
  merge(prNumber: number): Promise<void>;
  cleanup(): Promise<void>;
}

let deliveries = 0;
let commentIds = 700_000;

export async function startScenario(
  options: { permissions?: Record<string, string>; seed?: Seed; onboardingIssue?: boolean } = {},
): Promise<Scenario> {
  const remote = await createBareRepo(options.seed ?? { fromDir: DEMO_INFRA });
  await mkdir(join(remote.root, "hosts", "Codertocat"), { recursive: true });
  await symlink(remote.gitDir, join(remote.root, "hosts", "Codertocat", "Hello-World.git"));
  const dataDir = await mkdtemp(join(tmpdir(), "scenario-feedback-"));
  const world = createGitHubWorld(remote, options.permissions ?? { Codertocat: "admin" });
  const probot = new Probot({
    githubToken: "test-installation-token",
    secret: SECRET,
    Octokit: testOctokit,
    logLevel: "fatal",
  });
  const log = captureLog();
  let clock = 1_700_000_000_000;
  const runtime = createRuntime({
    probot,
    log,
    concurrency: 1,
    botLogin: BOT_LOGIN,
    now: () => (clock += 1000),
    llm: null,
    workspaces: {
      gitBaseUrl: pathToFileURL(join(remote.root, "hosts")).toString(),
      author: { name: BOT_LOGIN, email: "1+devops-agent[bot]@users.noreply.github.com" },
      allowFileProtocol: true,
      ...(options.onboardingIssue === undefined ? {} : { onboardingIssue: options.onboardingIssue }),
    },
    feedback: { dir: dataDir },
  });
  await probot.load(runtime.appFn);

  const deliver = async (name: string, payload: Payload, id?: string) => {
    deliveries += 1;
    const text = JSON.stringify(payload);
    const signature = `sha256=${createHmac("sha256", SECRET).update(text).digest("hex")}`;
    await probot.webhooks.verifyAndReceive({
      id: id ?? `scenario-${deliveries}`,
      name,
      payload: text,
      signature,
    });
    await runtime.queue.idle();
  };

  return {
    world,
    remote,
    log,
    deliver,
    comment(number, body, sender = "Codertocat", pr = false) {
      const payload = commentPayload(body, { sender, pr });
      commentIds += 1;
      return deliver(
        "issue_comment",
        patchPayload(payload, {
          issue: {
            number,
            ...(pr
              ? {
                  pull_request: {
                    url: `https://api.github.com/repos/Codertocat/Hello-World/pulls/${number}`,
                  },
                }
              : {}),
          },
          comment: { id: commentIds },
        }),
      );
    },
    async merge(prNumber) {
      const pull = world.pulls.get(prNumber);
      if (!pull) throw new Error(`no PR #${prNumber}`);
      const { baseSha, headSha } = await world.merge(prNumber);
      const base = examplePayload("pull_request", "closed");
      const pr = base.pull_request as Payload;
      await deliver(
        "pull_request",
        patchPayload(base, {
          installation: { id: 1 },
          sender: { ...(base.sender as Payload), login: "Codertocat" },
          pull_request: {
            ...pr,
            number: prNumber,
            merged: true,
            body: pull.body,
            base: { ...(pr.base as Payload), ref: pull.base, sha: baseSha },
            head: {
              ...(pr.head as Payload),
              ref: pull.head,
              sha: headSha,
              repo: { full_name: "Codertocat/Hello-World" },
            },
          },
        }),
      );
    },
    async cleanup() {
      world.close();
      await runtime.close();
      await remote.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
