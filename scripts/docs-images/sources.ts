// What the tutorial's images show, produced by the project's own code: the pull request `ask` opens on
// the demo repository (the one `npm run demo` uses), the plan comment rendered from the JSON of a real
// `terraform plan` of that pull request, and the diagnosis comment for a failed CI log. The inputs that
// need tools (terraform) are recorded under docs/images/src/, so the drift test re-renders without them.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Readable } from "node:stream";
import { run } from "../../src/cli/main.js";
import type { CliIO } from "../../src/cli/io.js";
import { excerptFromStream } from "../../src/adapters/logs/index.js";
import { diagnose, renderDiagnosisReport, unmatchedDiagnosis } from "../../src/core/diagnosis/index.js";
import { parsePlan, renderPlanMarkdown, summarizePlan } from "../../src/core/plan/index.js";
import { renderReviewSummary, reviewTitle } from "../../src/core/review/index.js";
import { reviewTree } from "../../src/validation/review.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const IMAGES = join(ROOT, "docs", "images");
export const DEMO_REQUEST = "we need an encrypted S3 bucket for audit logs with 90-day retention";

export interface Shot {
  /** File name without extension: <name>.md, <name>.html, <name>.png under docs/images/. */
  name: string;
  /** Who "wrote" it, for the frame around it (a PR, a bot comment, a check run). */
  frame: { kind: "pull-request" | "comment" | "check-run"; title: string };
  markdown: string;
}

export interface AskResult {
  title: string;
  body: string;
  branch: string;
  resources: { type: string; name: string; change: "add" | "remove" }[];
  files: { path: string }[];
  /** The demo repository with the agent's branch, for `terraform plan`; remove() when done. */
  repo: string;
  remove: () => void;
}

/** `devops-agent ask --offline --json` on a fresh git copy of examples/demo-infra, as `npm run demo` does. */
export async function askOnDemo(): Promise<AskResult> {
  const repo = mkdtempSync(join(tmpdir(), "docs-images-demo-"));
  cpSync(join(ROOT, "examples", "demo-infra"), repo, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=demo", "-c", "user.email=demo@example.com", ...args], {
      cwd: repo,
      stdio: "pipe",
    });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "-m", "demo infrastructure");
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: () => Promise.resolve(Buffer.alloc(0)),
    stdinStream: () => Readable.from([]),
    env: {},
    cwd: repo,
  };
  const code = await run(["ask", DEMO_REQUEST, "--repo", repo, "--offline", "--json"], io);
  if (code !== 0) throw new Error(`ask on the demo repository failed (${code}): ${stderr}`);
  const out = JSON.parse(stdout) as Omit<AskResult, "repo" | "remove">;
  return { ...out, repo, remove: () => rmSync(repo, { recursive: true, force: true }) };
}

export function pullRequestShot(ask: Pick<AskResult, "title" | "body">): Shot {
  return { name: "pull-request", frame: { kind: "pull-request", title: ask.title }, markdown: ask.body };
}

/** The comment the plan Action posts for the demo root, from `terraform show -json` output. */
export function planShot(planJson: string): Shot {
  const summary = summarizePlan(parsePlan(planJson));
  const markdown = renderPlanMarkdown(summary, {
    root: ".",
    marker: "<!-- devops-agent:plan:. -->",
    fullPlanUrl: "https://github.com/acme/demo-infra/actions/runs/1",
  });
  return { name: "plan-comment", frame: { kind: "comment", title: "devops-agent[bot] commented" }, markdown };
}

/**
 * The review check run on the demo pull request: the agent's branch checked out, the tree reviewed (the
 * validator's layers without terraform, the security and cost tables) with the PR's files as the change.
 */
export async function reviewShot(ask: AskResult): Promise<Shot> {
  execFileSync("git", ["-C", ask.repo, "checkout", "--quiet", ask.branch], { stdio: "pipe" });
  const report = await reviewTree({
    root: ask.repo,
    changed: ask.files.map((f) => f.path),
    terraform: "off",
  });
  return {
    name: "review-check",
    frame: { kind: "check-run", title: `devops-agent review — ${reviewTitle(report)}` },
    markdown: renderReviewSummary(report),
  };
}

export const DIAGNOSIS_LOG = join(IMAGES, "src", "ci-failure-log.txt");

/** The diagnosis comment for a failed `terraform` job, as the app posts it on the pull request. */
export async function diagnosisShot(logPath = DIAGNOSIS_LOG): Promise<Shot> {
  const excerpt = await excerptFromStream(Readable.from([readFileSync(logPath)]));
  const diagnosis = diagnose(excerpt, {}) ?? unmatchedDiagnosis(excerpt);
  const markdown = renderDiagnosisReport(
    [{ job: "terraform", failingStep: excerpt.failingStep, diagnosis }],
    {
      workflow: "terraform",
      runUrl: "https://github.com/acme/demo-infra/actions/runs/2",
      autoFixEnabled: false,
    },
  );
  return { name: "diagnosis", frame: { kind: "comment", title: "devops-agent[bot] commented" }, markdown };
}
