import { access, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadTerraformDirectory } from "../../adapters/terraform/index.js";
import type { RepoConfig } from "../../core/config/index.js";
import { OIDC_DIR, STAGED_WORKFLOWS, type SetupFacts } from "../../core/setup/detect.js";
import { applyRootGlobs, buildInventory } from "../../core/terraform/inventory/index.js";

const OIDC_HOST = "token.actions.githubusercontent.com";
const MAX_WORKFLOW_BYTES = 256 * 1024;
const MAX_WORKFLOWS = 200;

/** What the default branch already has, read from a checkout: roots, our workflows, config, OIDC. */
export async function gatherFacts(
  dir: string,
  repo: { owner: string; repo: string; defaultBranch: string },
  config: Pick<RepoConfig, "terraform">,
): Promise<SetupFacts> {
  const loaded = await loadTerraformDirectory(dir);
  const inventory = applyRootGlobs(buildInventory(loaded.files), config.terraform.roots);
  const providers = loaded.files.flatMap((file) => {
    const blocks = (file.body as { resource?: Record<string, Record<string, unknown>> }).resource;
    const named = blocks?.aws_iam_openid_connect_provider ?? {};
    return Object.entries(named)
      .filter(([, body]) => JSON.stringify(body).includes(OIDC_HOST))
      .map(([name]) => ({ file: file.path, address: `aws_iam_openid_connect_provider.${name}` }));
  });
  return {
    ...repo,
    roots: inventory.rootModules,
    workflows: [
      ...(await readWorkflows(dir, ".github/workflows")),
      ...(await readWorkflows(dir, STAGED_WORKFLOWS)),
    ],
    configExists:
      (await exists(join(dir, ".github/devops-agent.yml"))) ||
      (await exists(join(dir, ".github/devops-agent.yaml"))),
    oidcTemplatePresent: await exists(join(dir, OIDC_DIR, "main.tf")),
    existingProvider: providers[0] ?? null,
  };
}

async function readWorkflows(root: string, rel: string): Promise<{ path: string; text: string }[]> {
  const names = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
  const out: { path: string; text: string }[] = [];
  for (const entry of names.slice(0, MAX_WORKFLOWS)) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const text = await readFile(join(root, rel, entry.name), "utf8");
    out.push({ path: `${rel}/${entry.name}`, text: text.slice(0, MAX_WORKFLOW_BYTES) });
  }
  return out;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
