import { afterEach, describe, expect, it } from "@jest/globals";
import { runCli } from "../helpers/cli.js";
import { DEMO_INFRA, createLocalRepo, git } from "../helpers/git.js";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function demoRepo() {
  const repo = await createLocalRepo({ fromDir: DEMO_INFRA });
  cleanup = repo.cleanup;
  return repo.dir;
}

interface AskJson {
  branch: string | null;
  files: { path: string; action: string }[];
  resources: { type: string; name: string; change: string }[];
  title: string;
  body: string;
  validation: { ok: boolean; findings: unknown[] };
  llm: { calls: number; promptTokens: number; completionTokens: number };
}

describe("devops-agent ask", () => {
  it("commits a validated change on a new local branch and prints the JSON contract", async () => {
    const dir = await demoRepo();
    const { code, stdout } = await runCli([
      "ask",
      "an SQS queue for orders with a dead-letter queue after 5 failed receives",
      "--repo",
      dir,
      "--offline",
      "--json",
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as AskJson;
    expect(Object.keys(out)).toEqual(["branch", "files", "resources", "title", "body", "validation", "llm"]);
    expect(out.branch).toBe("agent/ask-an-sqs-queue-for-orders-with-a-dead-lett");
    expect(out.files).toEqual([{ path: "sqs.tf", action: "create" }]);
    expect(out.resources.map((r) => r.type).sort()).toEqual([
      "aws_sqs_queue",
      "aws_sqs_queue",
      "aws_sqs_queue_redrive_allow_policy",
    ]);
    expect(out.validation).toEqual({ ok: true, findings: [] });
    expect(out.llm).toEqual({ calls: 0, promptTokens: 0, completionTokens: 0 });
    const head = await git(["log", "-1", "--format=%s%n%an", out.branch ?? ""], dir);
    expect(head).toContain("devops-agent: Add aws_sqs_queue.orders and 2 more");
    expect(head).toContain("devops-agent[bot]");
  });

  it("asks for detail on a vague request and commits nothing", async () => {
    const dir = await demoRepo();
    const { code, stdout } = await runCli(["ask", "make it better", "--repo", dir, "--offline", "--json"]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as AskJson;
    expect(out.branch).toBeNull();
    expect(out.files).toEqual([]);
  });

  it("rejects bad usage with a one-line reason", async () => {
    expect(await runCli(["ask", "--repo", "."])).toMatchObject({ code: 2 });
    const missingRepo = await runCli(["ask", "a bucket"]);
    expect(missingRepo.code).toBe(2);
    expect(missingRepo.stderr).toBe("devops-agent ask: --repo DIR is required (a git repository)\n");
  });
});
