import { simpleArguments, topBlocks } from "./hcl-text.js";

/** What a local module offers, read from its files by the caller. */
export interface ModuleInterface {
  /** As the lesson names it, e.g. `./modules/s3-bucket`. */
  source: string;
  /** The `source` to write in a call from the change's root module. */
  callSource: string;
  variables: { name: string; required: boolean }[];
  outputs: string[];
  /** Resource types the module declares: blocks of these types next to the replaced one become its job. */
  resourceTypes: string[];
}

/** Other names a module commonly gives the same input or output. */
const INPUT_ALIASES: Record<string, string[]> = {
  bucket: ["bucket_name", "name"],
  name: ["name_prefix", "queue_name", "topic_name", "table_name", "function_name"],
  tags: ["tags"],
};
const OUTPUT_ALIASES: Record<string, string[]> = {
  id: ["bucket_id", "bucket", "name", "queue_id", "url"],
  arn: ["bucket_arn", "queue_arn", "topic_arn", "table_arn", "function_arn"],
  bucket: ["bucket_name", "name", "id", "bucket_id"],
  bucket_domain_name: ["bucket_domain_name", "domain_name"],
};

export type ModuleEdit =
  { ok: true; files: Map<string, string>; dropped: string[] } | { ok: false; reason: string };

/**
 * Replaces the agent's `resource "<type>" "<name>"` with a call to the module: its one-line arguments become
 * inputs by the module's variable names, blocks the module declares itself are left to it, and references to
 * the replaced blocks point at the module's outputs. Any piece that cannot be mapped leaves everything as it
 * was, with the reason.
 */
export function toModuleCall(
  files: ReadonlyMap<string, string>,
  target: { type: string; name: string },
  companions: ReadonlySet<string>,
  module: ModuleInterface,
): ModuleEdit {
  const address = `${target.type}.${target.name}`;
  const texts = new Map([...files].map(([path, text]) => [path, text.split("\n")]));
  const home = [...texts].find(([, lines]) => findBlock(lines, "resource", [target.type, target.name]));
  if (!home) return { ok: false, reason: `\`${address}\` not found in the change` };
  const [homePath, homeLines] = home;
  const block = findBlock(homeLines, "resource", [target.type, target.name]);
  if (!block) return { ok: false, reason: `\`${address}\` not found in the change` };
  const args = simpleArguments(homeLines, block);
  const bodyLines = homeLines.slice(block.start + 1, block.end).filter((l) => l.trim() !== "");
  if (bodyLines.length !== args.size)
    return { ok: false, reason: `\`${address}\` has nested settings the module cannot take` };

  const variables = new Set(module.variables.map((v) => v.name));
  const inputs: [string, string][] = [];
  for (const [arg, value] of args) {
    const input = [arg, ...(INPUT_ALIASES[arg] ?? [])].find((n) => variables.has(n));
    if (!input) return { ok: false, reason: `\`${module.source}\` has no input for \`${arg}\`` };
    inputs.push([input, value]);
  }
  const given = new Set(inputs.map(([n]) => n));
  const missing = module.variables.filter((v) => v.required && !given.has(v.name)).map((v) => v.name);
  if (missing.length > 0)
    return {
      ok: false,
      reason: `\`${module.source}\` needs ${missing.map((m) => `\`${m}\``).join(", ")}, which the request does not give`,
    };

  // Blocks the module declares itself, wired to the replaced one, are the module's job now.
  const dropped: string[] = [];
  for (const [path, lines] of texts) {
    for (const b of topBlocks(lines).reverse()) {
      const [type = "", name = ""] = b.labels;
      const key = `${type}.${name}`;
      if (
        b.kind !== "resource" ||
        !companions.has(key) ||
        !module.resourceTypes.includes(type) ||
        type === target.type
      )
        continue;
      const text = lines.slice(b.start, b.end + 1).join("\n");
      if (!text.includes(`${address}.`)) continue;
      const after = lines[b.end + 1] === "" ? 1 : 0;
      lines.splice(b.start, b.end - b.start + 1 + after);
      dropped.push(key);
      texts.set(path, lines);
    }
  }
  const call = [
    `module "${target.name}" {`,
    `  source = "${module.callSource}"`,
    ...inputs.map(([n, v]) => `  ${n} = ${v}`),
    "}",
  ];
  const homeNow = texts.get(homePath) ?? [];
  const again = findBlock(homeNow, "resource", [target.type, target.name]);
  if (!again) return { ok: false, reason: `\`${address}\` moved while editing` };
  homeNow.splice(again.start, again.end - again.start + 1, ...call);

  const out = new Map<string, string>();
  for (const [path, lines] of texts) {
    const rewritten = rewriteReferences(lines.join("\n"), address, target.name, dropped, module.outputs);
    if (!rewritten.ok) return rewritten;
    out.set(path, rewritten.text);
  }
  return { ok: true, files: out, dropped };
}

function rewriteReferences(
  text: string,
  address: string,
  name: string,
  dropped: readonly string[],
  outputs: readonly string[],
): { ok: true; text: string } | { ok: false; reason: string } {
  let problem: string | null = null;
  const escaped = address.replace(/\./g, "\\.");
  let next = text.replace(new RegExp(`\\b${escaped}\\.([a-z_][a-z0-9_]*)`, "g"), (_m, attr: string) => {
    const output = [attr, ...(OUTPUT_ALIASES[attr] ?? [])].find((o) => outputs.includes(o));
    if (output === undefined) problem ??= `the module has no output for \`${address}.${attr}\``;
    return `module.${name}.${output ?? attr}`;
  });
  for (const key of dropped) {
    const pattern = key.replace(/\./g, "\\.");
    if (new RegExp(`\\b${pattern}\\.[a-z_]`).test(next))
      problem ??= `\`${key}\` is referenced by attribute; the module owns it now`;
    next = next.replace(new RegExp(`\\b${pattern}\\b`, "g"), `module.${name}`);
  }
  if (new RegExp(`\\b${escaped}\\b`).test(next)) problem ??= `\`${address}\` is still referenced`;
  return problem === null ? { ok: true, text: next } : { ok: false, reason: problem };
}

function findBlock(lines: readonly string[], kind: string, labels: readonly string[]) {
  return topBlocks(lines).find((b) => b.kind === kind && b.labels.join("\u0000") === labels.join("\u0000"));
}
