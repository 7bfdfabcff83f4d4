import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_REPO_CONFIG, parseRepoConfig, type RepoConfig } from "../core/config/index.js";
import type { CliIO } from "./io.js";

export const CONFIG_FILE = ".github/devops-agent.yml";

/** The repo's `.github/devops-agent.yml`; a broken file is reported and the defaults apply. */
export async function readRepoConfig(dir: string, io: CliIO): Promise<RepoConfig> {
  const text = await readFile(join(dir, CONFIG_FILE), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  const { config, problems } = parseRepoConfig(text);
  for (const p of problems)
    io.stderr(
      `${CONFIG_FILE}${p.line === null ? "" : `:${p.line}`}: ${p.field ? `${p.field}: ` : ""}${p.message} (defaults used)`,
    );
  return problems.length > 0 ? DEFAULT_REPO_CONFIG : config;
}
