import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, posix } from "node:path";
import { type Sandbox, type SandboxLimits, createSandbox } from "../adapters/sandbox/index.js";
import type { ValidationCheck } from "../core/terraform/checks.js";
import { redact } from "../core/redact/index.js";
import { terraformExtension } from "../core/terraform/files.js";
import type { Finding } from "../core/terraform/types.js";
import { parseValidateJson } from "./terraform-json.js";

export interface TerraformLayerDeps {
  sandbox?: Sandbox;
  /** A provider mirror for offline init; default TF_PLUGIN_CACHE_DIR's layout at /opt/tf-plugins when present. */
  pluginDir?: string | null;
  /** Module directories checked at most (each costs one init and one validate). */
  maxModules?: number;
}

const LIMITS: SandboxLimits = {
  wallMs: 180_000,
  cpuSeconds: 300,
  memoryBytes: 8 * 1024 ** 3,
  processes: 512,
};
const DEFAULT_MIRROR = "/opt/tf-plugins";
const SKIP = new Set([".git", ".terraform", "node_modules"]);

/**
 * Real `terraform init -backend=false` + `terraform validate -json` on each module directory, in the
 * sandbox, on a copy of the tree (init writes `.terraform` and a lock file the repository must not get).
 * Without terraform or the sandbox it runs nothing and says why: untrusted code never runs bare.
 */
export async function terraformLayer(
  root: string,
  moduleDirs: readonly string[],
  deps: TerraformLayerDeps = {},
): Promise<{ check: ValidationCheck; findings: Finding[] }> {
  const notRun = (why: string, version: string | null = null) => ({
    check: { name: "terraform-validate", version, ran: false, why, ok: null },
    findings: [],
  });
  const version = terraformVersion();
  if (version === null) return notRun("terraform is not on PATH; only the offline checks ran");
  const sandbox = deps.sandbox ?? createSandbox();
  const ready = await sandbox.describe();
  if (!ready.ok)
    return notRun(`no sandbox to run it in (${ready.reason}); only the offline checks ran`, version);
  if (moduleDirs.length === 0) return notRun("no Terraform module to validate", version);
  const mirror =
    deps.pluginDir === undefined ? (existsSync(DEFAULT_MIRROR) ? DEFAULT_MIRROR : null) : deps.pluginDir;
  // Terraform never reads .tofu files: run on such a module, it would check a different configuration
  // (the .tf files OpenTofu ignores, or a part of the module) and report it as this one.
  const tofu = await tofuModules(root, moduleDirs);
  const runnable = moduleDirs.filter((d) => !tofu.includes(d));
  const tofuList = tofu.map((d) => d || ".").join(", ");
  if (runnable.length === 0)
    return notRun(`terraform does not read .tofu files, so it could not check ${tofuList}`, version);
  const tofuNote =
    tofu.length === 0
      ? ""
      : `; ${tofu.length} module(s) with .tofu files not checked (terraform does not read them): ${tofuList}`;
  const dirs = runnable.slice(0, deps.maxModules ?? 10);
  const scratch = await mkdtemp(join(tmpdir(), "tf-validate-"));
  try {
    await cp(root, scratch, { recursive: true, filter: (src) => !SKIP.has(basename(src)) });
    const findings: Finding[] = [];
    for (const dir of dirs) {
      const outcome = await validateModule(sandbox, scratch, dir, mirror);
      if ("unavailable" in outcome) return notRun(outcome.unavailable, version);
      findings.push(...outcome.findings);
    }
    const where =
      mirror === null ? "providers from the registry" : `offline from the provider mirror ${mirror}`;
    const skipped = runnable.length - dirs.length;
    const why =
      `terraform init -backend=false and validate in a ${ready.isolation} sandbox, ${where}, on ` +
      `${dirs.length} module(s)${skipped > 0 ? ` (${skipped} more not checked)` : ""}${tofuNote}`;
    const ok = !findings.some((f) => f.severity === "error");
    return { check: { name: "terraform-validate", version, ran: true, why, ok }, findings };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function validateModule(
  sandbox: Sandbox,
  workspace: string,
  dir: string,
  mirror: string | null,
): Promise<{ findings: Finding[] } | { unavailable: string }> {
  const chdir = `-chdir=${dir === "" ? "." : dir}`;
  const options = {
    workspace,
    network: mirror === null ? ("registry" as const) : ("none" as const),
    limits: LIMITS,
    env: { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: "/dev/null" },
    ...(mirror === null ? {} : { readOnly: [mirror] }),
  };
  const init = await sandbox.runIsolated(
    [
      "terraform",
      chdir,
      "init",
      "-backend=false",
      "-input=false",
      "-no-color",
      ...(mirror ? [`-plugin-dir=${mirror}`] : []),
    ],
    options,
  );
  if (init.status === "unavailable") return { unavailable: init.reason };
  if (init.timedOut || init.killed)
    return { unavailable: `terraform init in ${dir || "."} hit a sandbox limit` };
  const output = `${init.stdout}\n${init.stderr}`;
  if (init.exitCode !== 0) {
    if (
      /provider|registry|Failed to install|Could not retrieve/i.test(output) &&
      !/on [^ ]+ line \d+/.test(output)
    )
      return { unavailable: redact(`terraform init could not install providers: ${firstError(output)}`) };
    return { findings: [initFinding(dir, output)] };
  }
  const validate = await sandbox.runIsolated(["terraform", chdir, "validate", "-json", "-no-color"], options);
  if (validate.status === "unavailable") return { unavailable: validate.reason };
  if (validate.timedOut || validate.killed)
    return { unavailable: `terraform validate in ${dir || "."} hit a sandbox limit` };
  return { findings: parseValidateJson(validate.stdout, dir) };
}

/** The module directories holding OpenTofu-only files (`.tofu`, `.tofu.json`). */
async function tofuModules(root: string, dirs: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    const names = await readdir(join(root, dir)).catch(() => [] as string[]);
    if (names.some((n) => terraformExtension(n)?.startsWith(".tofu"))) found.push(dir);
  }
  return found;
}

function initFinding(dir: string, output: string): Finding {
  const line = /on ([^ ]+) line (\d+)/.exec(output);
  return {
    file: line?.[1] === undefined ? dir : posix.join(dir, line[1]),
    line: line?.[2] === undefined ? null : Number(line[2]),
    severity: "error",
    code: "terraform_init",
    message: redact(`terraform init: ${firstError(output)}`),
    suggestion: null,
  };
}

function firstError(output: string): string {
  const error = /Error: (.+)/.exec(output)?.[1] ?? output.trim().split("\n")[0] ?? "failed";
  return error.slice(0, 300);
}

let cachedVersion: string | null | undefined;
/** `terraform 1.11.4`, or null when terraform is not installed. Reading the version runs no repo code. */
function terraformVersion(): string | null {
  if (cachedVersion !== undefined) return cachedVersion;
  const result = spawnSync("terraform", ["version", "-json"], {
    encoding: "utf8",
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", CHECKPOINT_DISABLE: "1" },
    timeout: 30_000,
  });
  const version =
    result.status === 0 ? /"terraform_version":\s*"([^"]+)"/.exec(result.stdout)?.[1] : undefined;
  cachedVersion = version === undefined ? null : `terraform ${version}`;
  return cachedVersion;
}
