// Derives src/core/synth/hints.json: the constraints the AWS provider enforces at `terraform validate` but
// does not state in its schema ("one of `filename,image_uri,s3_bucket` must be specified", framework blocks
// that are required). It synthesizes every resource type alone, validates them all in one terraform run
// against the provider mirror, reads the diagnostics and repeats with what it learned. Needs terraform and
// the provider (TF_PLUGIN_DIR, default /opt/tf-plugins); run: npm run synth:hints
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderFile, block, attr, raw } from "../src/core/recipes/hcl/writer.js";
import { planChange } from "../src/core/synth/index.js";
import type { SynthHints } from "../src/core/synth/index.js";
import { loadAwsProviderSchema } from "../src/core/terraform/schema/index.js";

const out = fileURLToPath(new URL("../src/core/synth/hints.json", import.meta.url));
const work = join(process.env.TMPDIR ?? "/tmp", "synth-hints");
const pluginDir = process.env.TF_PLUGIN_DIR ?? "/opt/tf-plugins";
const schema = loadAwsProviderSchema();
const hints: SynthHints = JSON.parse(readFileSync(out, "utf8")) as SynthHints;
const repo = { tags: { style: "none" as const }, fileLayout: "single_main" as const, existingResources: [] };

interface Diagnostic {
  severity: string;
  summary: string;
  detail: string;
  range?: { filename: string; start: { line: number } };
}

mkdirSync(work, { recursive: true });
writeFileSync(
  join(work, "versions.tf"),
  'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\nprovider "aws" {\n  region = "us-east-1"\n}\n',
);

for (let round = 1; round <= Number(process.env.ROUNDS ?? "3"); round++) {
  // One child module per type, so the dependencies each plan adds (aws_vpc.main) never collide.
  const calls: string[] = ['variable "u" {}'];
  schema.resourceTypes().forEach((type, i) => {
    const plan = planChange(type, { schema, repo, hints });
    const dir = join(work, `m${i}`);
    mkdirSync(dir, { recursive: true });
    const items = [
      ...plan.data.map((d) => block("data", [d.type, d.name], d.body)),
      ...plan.create.map((r) => block("resource", [r.type, r.name], r.body)),
      ...plan.variables.map((v) => block("variable", [v.name], [attr("type", raw("any"))])),
    ];
    writeFileSync(join(dir, "main.tf"), renderFile(items));
    calls.push(
      `module "m${i}" {\n  source = "./m${i}"\n${plan.variables.map((v) => `  ${v.name} = var.u\n`).join("")}}`,
    );
  });
  writeFileSync(join(work, "main.tf"), calls.join("\n"));
  execFileSync("terraform", ["init", "-backend=false", `-plugin-dir=${pluginDir}`], {
    cwd: work,
    stdio: "ignore",
  });
  const owner = (file: string): string | undefined =>
    schema.resourceTypes()[Number(/^m(\d+)\//.exec(file)?.[1] ?? "-1")];
  let json: string;
  try {
    json = execFileSync("terraform", ["validate", "-json", "-no-color"], {
      cwd: work,
      maxBuffer: 1 << 28,
    }).toString();
  } catch (error) {
    json = (error as { stdout: Buffer }).stdout.toString();
  }
  const diagnostics = (JSON.parse(json) as { diagnostics: Diagnostic[] }).diagnostics;
  let learned = 0;
  for (const d of diagnostics) {
    if (d.severity !== "error" || d.range === undefined) continue;
    const type = owner(d.range.filename);
    if (type === undefined) continue;
    const strip = (p: string): string =>
      p.replace(/\[\d+\]|\.\d+(?=\.|$)|\.<\./g, (m) => (m === ".<." ? "." : "")).replace(/\[\d+\]/g, "");
    const oneOf =
      /one of `([^`]+)` must be specified|(?:Exactly|At least) one of these attributes must be configured: \[([^\]]+)\]/.exec(
        d.detail,
      );
    // Nested too: "Block vpc_origin_endpoint_config[0].origin_ssl_protocols must have a configuration value".
    const nested = /^Block ([\w.[\]]+) must have a configuration value/.exec(d.detail);
    const block =
      (nested === null ? null : ([nested[0], strip(nested[1] ?? "")] as const)) ??
      /Insufficient (\w+) blocks/.exec(d.summary);
    if (oneOf !== null) {
      const group = (oneOf[1] ?? oneOf[2] ?? "").split(",").map((p) => strip(p.trim()));
      const groups = (hints.oneOf[type] ??= []);
      if (!groups.some((g) => g.join() === group.join())) {
        groups.push(group);
        learned++;
      }
    } else if (block !== null) {
      const name = block[1] ?? "";
      const blocks = (hints.blocks[type] ??= []);
      if (!blocks.includes(name)) {
        blocks.push(name);
        learned++;
      }
    }
  }
  console.error(
    `round ${round}: ${diagnostics.filter((d) => d.severity === "error").length} errors, ${learned} new hints`,
  );
  writeFileSync(out, `${JSON.stringify(hints, null, 1)}\n`);
  if (learned === 0) break;
}
