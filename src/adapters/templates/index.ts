import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { SetupTemplates } from "../../core/setup/render.js";

/**
 * `templates/` — the workflows and OIDC Terraform users copy, and what `/agent setup` fills in. From a source
 * checkout the folder is three levels up from this file; the bundle (`dist/`) carries a copy beside its
 * chunks (scripts/build-app.ts), so the PR the app opens holds exactly the files the docs point at.
 */
const CANDIDATES = [
  new URL("./templates/", import.meta.url),
  new URL("../../../templates/", import.meta.url),
];

let cached: Promise<SetupTemplates> | undefined;

export function loadTemplates(): Promise<SetupTemplates> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(): Promise<SetupTemplates> {
  for (const url of CANDIDATES) {
    const dir = fileURLToPath(url);
    const names = await readdir(`${dir}aws-oidc`).catch(() => null);
    if (names === null) continue;
    const read = (path: string) => readFile(`${dir}${path}`, "utf8");
    const oidc: Record<string, string> = {};
    for (const name of names.filter((n) => n.endsWith(".tf")).sort())
      oidc[name] = await read(`aws-oidc/${name}`);
    return {
      workflows: {
        plan: await read("workflows/devops-agent-plan.yml"),
        apply: await read("workflows/devops-agent-apply.yml"),
        drift: await read("workflows/devops-agent-drift.yml"),
      },
      oidc,
    };
  }
  throw new Error("setup templates not found: the app's templates/ folder is missing from this installation");
}
