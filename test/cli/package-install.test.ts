// The CLI as users get it: `npm pack` (its prepack builds dist/), then `npm install --omit=dev` of the
// tarball into an empty folder outside the checkout (dependencies from the registry, or npm's cache),
// then the installed `devops-agent` run as a user runs it. Slow by nature (an npm install), so it lives
// in its own file and runs beside the rest of the suite.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLocalRepo, DEMO_INFRA } from "../helpers/git.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd, env, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let work: string;
let bin: string;
// The installed CLI sees no TypeScript runtime, no checkout and no model settings.
let env: NodeJS.ProcessEnv;
const cli = (args: string[], cwd = work) => exec(process.execPath, [bin, ...args], cwd, env);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "devops-agent-install-"));
  const packed = await exec(npm, ["pack", "--json", "--pack-destination", work], root);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [tarball] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as { filename: string }[];
  if (!tarball) throw new Error(`npm pack wrote no tarball:\n${packed.stdout}`);
  const app = join(work, "app");
  await mkdir(app);
  await writeFile(join(app, "package.json"), '{ "name": "empty", "private": true }\n');
  const started = Date.now();
  const installed = await exec(
    npm,
    ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", join(work, tarball.filename)],
    app,
  );
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stderr}`);
  console.log(
    `npm install --omit=dev of the packed CLI took ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  bin = join(app, "node_modules/aws-devops-agent/bin/devops-agent.js");
  env = { PATH: process.env.PATH ?? "", HOME: work, NODE_OPTIONS: "" };
}, 240_000);
afterAll(async () => rm(work, { recursive: true, force: true }));

describe("the packed and installed devops-agent CLI", () => {
  it("installs compiled JavaScript with its data files and no dev dependencies", async () => {
    const pkg = join(work, "app/node_modules/aws-devops-agent");
    await expect(stat(join(pkg, "dist/cli.js"))).resolves.toBeDefined();
    await expect(stat(join(pkg, "dist/aws-provider-schema.json"))).resolves.toBeDefined();
    await expect(stat(join(pkg, "dist/aws-provider-schemas.json"))).resolves.toBeDefined();
    await expect(stat(join(pkg, "dist/aws-provider-schema.4.patch.json"))).resolves.toBeDefined();
    await expect(stat(join(pkg, "src"))).rejects.toThrow();
    for (const dev of ["tsx", "typescript", "jest", "esbuild"]) {
      await expect(stat(join(work, "app/node_modules", dev))).rejects.toThrow();
    }
    const installed = JSON.parse(await readFile(join(pkg, "package.json"), "utf8")) as { version: string };
    const version = await cli(["--version"]);
    expect(version).toMatchObject({ code: 0, stderr: "" });
    expect(version.stdout).toContain(`devops-agent ${installed.version}`);
    expect(version.stdout).toMatch(
      /AWS provider schemas \(offline validation\):\n {2}hashicorp\/aws 4\.\d+\.\d+/,
    );
  });

  it("answers --help, and --help on a command", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: devops-agent <command>");
    const planHelp = await cli(["plan", "summarize", "--help"]);
    expect(planHelp.code).toBe(0);
    expect(planHelp.stdout).toContain("--fail-on-delete");
  });

  it("runs inventory and validate on a Terraform folder", async () => {
    const infra = join(work, "infra");
    await cp(DEMO_INFRA, infra, { recursive: true });
    const inventory = await cli(["inventory", infra, "--json"]);
    expect(inventory.code).toBe(0);
    const parsed = JSON.parse(inventory.stdout) as { resources: Record<string, number>; files: number };
    expect(parsed.files).toBeGreaterThan(0);
    expect(Object.keys(parsed.resources).length).toBeGreaterThan(0);
    const validate = await cli(["validate", infra, "--json"]);
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ ok: true });
  });

  it("reviews a Terraform folder into SARIF and fails on a security error", async () => {
    const sarif = join(work, "review.sarif");
    const review = await cli(["review", resolve(root, "test/fixtures/review/insecure"), `--sarif=${sarif}`]);
    expect(review.code).toBe(1);
    expect(review.stdout).toContain("security/iam-admin");
    const log = JSON.parse(await readFile(sarif, "utf8")) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.results.length).toBeGreaterThan(10);
  });

  it("summarizes a plan and diagnoses a log", async () => {
    const plan = await cli([
      "plan",
      "summarize",
      resolve(root, "test/fixtures/plan/format-0.1.json"),
      "--json",
    ]);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ create: 1, delete: 1, replace: 1 });
    const log = resolve(root, "test/fixtures/logs/aws-expired-token.log");
    const diagnosis = await cli(["diagnose", log, "--json"]);
    expect(diagnosis.code).toBe(0);
    expect(JSON.parse(diagnosis.stdout)).toMatchObject({ category: "credentials", source: "signature" });
  });

  it("commits a change with ask --offline on a git repository", async () => {
    const repo = await createLocalRepo({ fromDir: DEMO_INFRA });
    try {
      const ask = await cli(["ask", "an SQS queue for orders", "--repo", repo.dir, "--offline", "--json"]);
      expect(ask.stderr).toBe("");
      expect(ask.code).toBe(0);
      const out = JSON.parse(ask.stdout) as { branch: string; validation: { ok: boolean } };
      expect(out.branch).toMatch(/^agent\/ask-/);
      expect(out.validation.ok).toBe(true);
    } finally {
      await repo.cleanup();
    }
  });

  it("exits 2 with a suggestion for a mistyped command", async () => {
    const typo = await cli(["inventroy", "."]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean "inventory"?');
  });
});
