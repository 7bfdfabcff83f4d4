// A real `terraform plan` of the demo pull request, offline: the agent's branch exported from the demo
// repository, override files for a local backend and an AWS provider that never calls AWS (no state, so
// nothing to refresh), the provider from the filesystem mirror, and -target on the resources the PR adds
// so the plan shows that PR's change rather than the whole repository being created.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AskResult } from "./sources.js";

const OVERRIDE = `# Written by scripts/docs-images: plan offline, without AWS credentials or remote state.
terraform {
  backend "local" {}
}

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "docs-images"
  secret_key                  = "docs-images"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`;

export function terraformAvailable(pluginDir: string): boolean {
  return spawnSync("terraform", ["version"]).status === 0 && spawnSync("ls", [pluginDir]).status === 0;
}

export function planDemoPullRequest(ask: AskResult, pluginDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), "docs-images-plan-"));
  try {
    const archive = execFileSync("git", ["-C", ask.repo, "archive", ask.branch]);
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    writeFileSync(join(dir, "docs_images_override.tf"), OVERRIDE);
    const tf = (...args: string[]) =>
      execFileSync("terraform", args, {
        cwd: dir,
        env: { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" },
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 64 * 1024 * 1024,
      });
    tf("init", "-no-color", `-plugin-dir=${pluginDir}`);
    const targets = ask.resources
      .filter((r) => r.change === "add" && !r.type.startsWith("data."))
      .map((r) => `-target=${r.type}.${r.name}`);
    tf("plan", "-no-color", "-refresh=false", "-lock=false", "-out=tfplan", ...targets);
    return tf("show", "-json", "tfplan").toString("utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
