// Offline `ask` end to end on the demo repository (target: median < 2 s per request), the way the CLI runs
// it: a fresh git copy per request, `devops-agent ask --offline --json`, the generic path and the recipes.
// Side by side in the same run: `devops-agent inventory` on the same copies (reading the repository, the
// floor every ask pays) and `planChange` alone (the schema-driven generator without git or validation).
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { gatherRepoContext, recipeContextFor } from "../src/agent/index.js";
import { run } from "../src/cli/main.js";
import { loadSynthHints, planChange } from "../src/core/synth/index.js";
import { loadAwsProviderSchema } from "../src/core/terraform/schema/index.js";
import { percentile, report } from "./util.js";

const here = dirname(fileURLToPath(import.meta.url));
const demo = join(here, "..", "examples", "demo-infra");
const TARGET_MS = 2_000;
const REQUESTS = [
  "a DynamoDB table for Terraform state locking",
  "a CloudWatch alarm on CPU that notifies an SNS topic",
  "Create a VPC with a security group that allows inbound HTTPS from anywhere and all outbound traffic",
  "generate an Application Load Balancer",
  'Set up a TXT record for domain verification using Route 53. Name the zone "example"',
  "a multi-AZ PostgreSQL 15 database with 7-day backups and 100 GB of storage",
  "add a lifecycle rule to the artifacts bucket expiring objects after 90 days",
  "an SQS queue for orders with a dead-letter queue",
];

const git = (cwd: string, ...args: string[]): void => {
  execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args], {
    cwd,
    stdio: "ignore",
  });
};

async function cli(argv: string[]): Promise<number> {
  return run(argv, {
    stdout: () => undefined,
    stderr: () => undefined,
    readStdin: () => Promise.resolve(Buffer.alloc(0)),
    stdinStream: () => Readable.from([]),
    env: { ...process.env, LLM_API_KEY: "", LLM_BASE_URL: "" },
    cwd: process.cwd(),
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "ask-bench-"));
  const template = join(work, "template");
  cpSync(demo, template, { recursive: true });
  git(template, "init", "--quiet", "--initial-branch=main");
  git(template, "add", "--all");
  git(template, "commit", "--quiet", "-m", "demo");
  try {
    // The first request pays module loading and the provider schema; it is reported on its own.
    const warm = join(work, "warm");
    cpSync(template, warm, { recursive: true });
    const first = await timed(() => cli(["ask", REQUESTS[0] ?? "", "--repo", warm, "--offline", "--json"]));
    const ask: number[] = [];
    const inventory: number[] = [];
    const exits: number[] = [];
    for (const [i, request] of REQUESTS.entries()) {
      const dir = join(work, `r${i}`);
      cpSync(template, dir, { recursive: true });
      inventory.push(await timed(() => cli(["inventory", dir, "--json"])));
      ask.push(
        await timed(async () =>
          exits.push(await cli(["ask", request, "--repo", dir, "--offline", "--json"])),
        ),
      );
    }
    const repo = await gatherRepoContext(template);
    const ctx = {
      schema: loadAwsProviderSchema(),
      repo: recipeContextFor(repo.conventions, repo.inventory),
      hints: loadSynthHints(),
    };
    const plan: number[] = [];
    for (const request of REQUESTS) plan.push(await timed(() => Promise.resolve(planChange(request, ctx))));
    const median = (xs: number[]): number =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    report("ask --offline (demo repo)", {
      requests: REQUESTS.length,
      first_ms: first,
      median_ms: median(ask),
      p90_ms: percentile(
        [...ask].sort((a, b) => a - b),
        90,
      ),
      target_ms: TARGET_MS,
      committed: exits.filter((c) => c === 0).length,
    });
    report("baseline: inventory (same copies)", { median_ms: median(inventory) });
    report("generator only: planChange", { median_ms: median(plan) });
    if (median(ask) > TARGET_MS) {
      console.log(`!! median ${median(ask).toFixed(0)} ms is over the ${TARGET_MS} ms target`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
