// Judges many Terraform root modules with real `terraform validate`, in batches: one root that calls each
// configuration as a child module validates them all in one process (the provider schema loads once).
// Every input variable is passed an unknown value, as `terraform validate` treats a root's variables.
// Verdicts are cached on disk by content hash.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Verdict {
  status: "valid" | "invalid" | "unverifiable";
  errors: string[];
}

export interface BatchOptions {
  work: string;
  cacheDir: string;
  pluginDir: string;
  batchSize: number;
}

/** Provider-neutral block types every configuration may use. */
const OTHER_PROVIDER = /^\s*(?:resource|data)\s+"((?!aws_|terraform_)[a-z0-9]+)_[a-z0-9_]+"/m;

function tfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tfFiles(path));
    else if (entry.name.endsWith(".tf")) out.push(path);
  }
  return out.sort();
}

export function contentHash(dir: string): string {
  const hash = createHash("sha256");
  for (const file of tfFiles(dir))
    hash.update(relative(dir, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

const variablesOf = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".tf"))
    .flatMap((f) =>
      [...readFileSync(join(dir, f), "utf8").matchAll(/^variable\s+"([^"]+)"/gm)].map((m) => m[1] ?? ""),
    );

/**
 * Removes top-level `provider` blocks from a copy: a child module that configures its own provider makes
 * terraform start one provider process per module (hundreds of MB each); the root's default serves all.
 */
function withoutProviderBlocks(dir: string): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".tf"))) {
    const path = join(dir, file);
    const text = readFileSync(path, "utf8");
    let out = "";
    let i = 0;
    for (const m of text.matchAll(/^provider\s+"[^"]*"\s*\{/gm)) {
      if (m.index < i) continue;
      out += text.slice(i, m.index);
      let depth = 0;
      let j = m.index;
      for (; j < text.length; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}" && --depth === 0) break;
      }
      i = j + 1;
    }
    if (i > 0) writeFileSync(path, out + text.slice(i));
  }
}

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  range?: { filename: string };
}

async function validateOnce(
  root: string,
  names: string[],
  pluginDir: string,
): Promise<{ byModule: Map<string, string[]>; stray: string[] }> {
  await run("terraform", ["init", "-backend=false", "-input=false", `-plugin-dir=${pluginDir}`], {
    cwd: root,
    maxBuffer: 1 << 26,
  });
  let stdout: string;
  try {
    stdout = (await run("terraform", ["validate", "-json", "-no-color"], { cwd: root, maxBuffer: 1 << 28 }))
      .stdout;
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? "";
  }
  const diagnostics = (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  const byModule = new Map<string, string[]>();
  const stray: string[] = [];
  for (const d of diagnostics) {
    if (d.severity !== "error") continue;
    const text = `${d.summary}: ${(d.detail ?? "").split("\n")[0] ?? ""}`;
    const name = /^(m\d+)\//.exec(d.range?.filename ?? "")?.[1] ?? /module\.(m\d+)\./.exec(d.summary)?.[1];
    if (name === undefined || !names.includes(name)) stray.push(text);
    else byModule.set(name, [...(byModule.get(name) ?? []), `${d.range?.filename ?? ""}: ${text}`]);
  }
  return { byModule, stray };
}

/**
 * Validates `dirs` (each a root module). Configurations that use another provider are "unverifiable" (only
 * the AWS provider is mirrored). A module is "valid" only after a terraform run in which it had no error.
 */
export async function validateAll(dirs: string[], options: BatchOptions): Promise<Verdict[]> {
  mkdirSync(options.cacheDir, { recursive: true });
  const verdicts: (Verdict | undefined)[] = dirs.map(() => undefined);
  const pending: { index: number; hash: string }[] = [];
  dirs.forEach((dir, index) => {
    const files = tfFiles(dir);
    const other = files
      .map((f) => OTHER_PROVIDER.exec(readFileSync(f, "utf8"))?.[1])
      .find((p) => p !== undefined);
    if (other !== undefined) {
      verdicts[index] = {
        status: "unverifiable",
        errors: [`needs the ${other} provider, which is not mirrored here`],
      };
      return;
    }
    const hash = contentHash(dir);
    const cached = join(options.cacheDir, `${hash}.json`);
    if (existsSync(cached)) verdicts[index] = JSON.parse(readFileSync(cached, "utf8")) as Verdict;
    else pending.push({ index, hash });
  });
  for (let start = 0; start < pending.length; start += options.batchSize) {
    let batch = pending.slice(start, start + options.batchSize);
    const root = join(options.work, `batch-${start}`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const nameOf = (i: number): string => `m${i}`;
    for (const { index } of batch) {
      const copy = join(root, nameOf(index));
      cpSync(dirs[index] ?? "", copy, { recursive: true, filter: (src) => !src.includes("/.git") });
      withoutProviderBlocks(copy);
    }
    for (let round = 0; round < 6 && batch.length > 0; round++) {
      const calls = ['variable "unknown" {}'];
      for (const { index } of batch) {
        const inputs = variablesOf(join(root, nameOf(index))).map((v) => `  ${v} = var.unknown\n`);
        calls.push(`module "${nameOf(index)}" {\n  source = "./${nameOf(index)}"\n${inputs.join("")}}`);
      }
      writeFileSync(
        join(root, "main.tf"),
        `${calls.join("\n")}\n\nprovider "aws" {\n  region = "us-east-1"\n}\n`,
      );
      const { byModule, stray } = await validateOnce(
        root,
        batch.map((b) => nameOf(b.index)),
        options.pluginDir,
      );
      for (const [name, errors] of byModule) {
        const entry = batch.find((b) => nameOf(b.index) === name);
        if (entry === undefined) continue;
        const verdict: Verdict = { status: "invalid", errors };
        verdicts[entry.index] = verdict;
        writeFileSync(join(options.cacheDir, `${entry.hash}.json`), JSON.stringify(verdict));
      }
      batch = batch.filter((b) => !byModule.has(nameOf(b.index)));
      if (byModule.size === 0 && stray.length > 0) {
        // Errors nobody can be blamed for: judge the rest one by one rather than guess.
        if (batch.length === 1) {
          const only = batch[0];
          if (only !== undefined) verdicts[only.index] = { status: "invalid", errors: stray };
          batch = [];
        } else {
          for (const b of batch) {
            const single = await validateAll([dirs[b.index] ?? ""], {
              ...options,
              work: join(options.work, `single-${b.index}`),
              batchSize: 1,
            });
            verdicts[b.index] = single[0];
          }
          batch = [];
        }
      }
      if (byModule.size === 0 && stray.length === 0) {
        for (const b of batch) {
          const verdict: Verdict = { status: "valid", errors: [] };
          verdicts[b.index] = verdict;
          writeFileSync(join(options.cacheDir, `${b.hash}.json`), JSON.stringify(verdict));
        }
        batch = [];
      }
    }
    for (const b of batch)
      verdicts[b.index] ??= { status: "invalid", errors: ["could not be validated alone after 6 rounds"] };
    rmSync(root, { recursive: true, force: true });
  }
  return verdicts.map((v) => v ?? { status: "invalid", errors: ["not judged"] });
}
