// The README's first command: copies examples/demo-infra into a fresh local git repository and runs
// `devops-agent ask` on it offline — no GitHub, AWS or model account needed.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../src/cli/main.js";

const request =
  process.argv.slice(2).join(" ").trim() ||
  "we need an encrypted S3 bucket for audit logs with 90-day retention";
const demo = fileURLToPath(new URL("../examples/demo-infra", import.meta.url));
const repo = mkdtempSync(join(tmpdir(), "devops-agent-demo-"));
cpSync(demo, repo, { recursive: true });
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=demo", "-c", "user.email=demo@example.com", ...args], {
    cwd: repo,
    stdio: "pipe",
  });
git("init", "--quiet", "--initial-branch=main");
git("add", "--all");
git("commit", "--quiet", "-m", "demo infrastructure");

console.error(`Demo repository: ${repo}\nRequest: ${request}\n`);
const code = await run(["ask", request, "--repo", repo, "--offline"]);
const branch = git("branch", "--list", "agent/ask-*", "--format=%(refname:short)").toString().trim();
if (branch !== "")
  console.error(`\nInspect it: git -C ${repo} log --stat -1 ${branch} ; git -C ${repo} diff main ${branch}`);
process.exitCode = code;
