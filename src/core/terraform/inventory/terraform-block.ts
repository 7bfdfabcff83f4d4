import { redact } from "../../redact/index.js";
import type { Block } from "../types.js";
import { asBlock, asLabeled, blockList, labeled } from "./blocks.js";
import { literalString } from "./expressions.js";
import type { DirectoryFacts } from "./roots.js";
import type { Backend, Inventory } from "./types.js";

/** What a `terraform {}` block declares: Terraform and provider constraints, and where state lives. */
export function collectTerraformBlock(
  block: Block,
  file: string,
  dir: string,
  inventory: Inventory,
  fact: DirectoryFacts,
): void {
  const version = literalString(block["required_version"]);
  if (version !== null) inventory.requiredVersions.push({ constraint: version, file, dir });
  for (const providers of blockList(block["required_providers"])) {
    for (const [name, requirement] of Object.entries(providers)) {
      // Terraform 0.12 style `aws = "~> 2.0"` is a bare version constraint.
      const spec: Block = typeof requirement === "string" ? { version: requirement } : asBlock(requirement);
      const source = literalString(spec["source"]);
      inventory.requiredProviders.push({ name, source, version: literalString(spec["version"]), file, dir });
    }
  }
  for (const [type, backend] of labeled(asLabeled(block["backend"]))) {
    fact.hasBackend = true;
    inventory.backends.push({ type, file, dir, settings: backendSettings(backend) });
  }
  if (block["cloud"] !== undefined) {
    fact.hasBackend = true;
    const cloud = blockList(block["cloud"])[0] ?? {};
    inventory.backends.push({ type: "cloud", file, dir, settings: backendSettings(cloud) });
  }
}

const SECRET_SETTING = /secret|token|password|credential|private|access_key|sas|client_certificate/i;

function backendSettings(block: Block): Backend["settings"] {
  const settings = Object.create(null) as Backend["settings"];
  for (const [key, value] of Object.entries(block).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (SECRET_SETTING.test(key)) continue;
    if (typeof value === "number" || typeof value === "boolean") settings[key] = value;
    const literal = literalString(value);
    if (literal !== null) settings[key] = redact(literal);
  }
  return settings;
}
