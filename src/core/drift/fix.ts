import { findArgument, topBlocks, type TopBlock } from "../lessons/hcl-text.js";
import { quote } from "../recipes/hcl/writer.js";
import { inlineCode } from "../text/markdown.js";
import type { DriftReport } from "./report.js";

/** One drifted thing: fixed in the code, or the step a person must take. */
export interface DriftFixItem {
  address: string;
  what: string;
  how: string;
}

export interface DriftFixPlan {
  /** Files of the root with the code brought in line (changed files only). */
  edits: { path: string; content: string }[];
  fixed: DriftFixItem[];
  manual: DriftFixItem[];
}

type Scalar = string | number | boolean | null;
const ADDRESS = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)$/;
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MAP_OPEN = /^ {2}tags\s*=\s*\{\s*$/;
const MAP_ENTRY =
  /^ {4}("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_-]*)\s*=\s*("(?:[^"\\$%]|\\.)*"|-?\d+(?:\.\d+)?|true|false)\s*$/;

const hcl = (v: Exclude<Scalar, null>): string => (typeof v === "string" ? quote(v) : String(v));
const show = (v: Scalar): string => inlineCode(JSON.stringify(v));

/**
 * Where the drift is a code gap — a tag or a literal argument changed in the console on a resource declared
 * in the root's own files — the edit that writes the real value into the code. Everything else (modules,
 * count/for_each instances, values from variables or expressions, deleted or replaced resources) becomes a
 * manual step. The report is data: its values are written only as escaped HCL literals, and only where the
 * code holds exactly the value the plan said it does.
 */
export function planDriftFix(
  report: DriftReport,
  files: readonly { path: string; content: string }[],
): DriftFixPlan {
  const current = new Map(files.map((f) => [f.path, f.content]));
  const changed = new Set<string>();
  const fixed: DriftFixItem[] = [];
  const manual: DriftFixItem[] = [];
  const tagsOf = groupBy(report.tagGaps, (g) => g.address);
  const argsOf = groupBy(report.attributes ?? [], (a) => a.address);
  for (const resource of report.resources) {
    const { address } = resource;
    const actions = resource.actions.join(",");
    if (actions !== "update") {
      manual.push({
        address,
        what: `the plan would ${resource.actions.join(" and ")} it`,
        how: howFor(actions),
      });
      continue;
    }
    const tags = tagsOf.get(address) ?? [];
    const args = argsOf.get(address) ?? [];
    if (tags.length + args.length === 0) {
      manual.push({
        address,
        what: "changed outside Terraform in a way the drift report does not detail",
        how: "run `terraform plan` on the root to see the change; `terraform apply` sets it back to the code",
      });
      continue;
    }
    const found = ADDRESS.exec(address) ? findResource(current, address) : null;
    if (!found) {
      const why = address.startsWith("module.")
        ? "it is declared inside a module: change the module's inputs (or the module) to the values below"
        : address.includes("[")
          ? "it is one instance of a `count`/`for_each` resource: its values are shared with the other instances"
          : "its block is not in this root's files";
      for (const t of tags)
        manual.push({ address, what: `tag ${inlineCode(t.key)} = ${show(t.value)}`, how: why });
      for (const a of args)
        manual.push({ address, what: `${inlineCode(a.name)} is ${show(a.live)}`, how: why });
      continue;
    }
    let lines = found.lines;
    const block = found.block;
    for (const a of args) {
      const edit = editArgument(lines, block, a.name, a.live, a.code);
      const what = `${inlineCode(a.name)}: ${show(a.code)} in the code, ${show(a.live)} in AWS`;
      if (edit.ok) {
        lines = edit.lines;
        fixed.push({ address, what, how: `set to ${show(a.live)} in ${inlineCode(found.path)}` });
      } else manual.push({ address, what, how: edit.why });
    }
    if (tags.length > 0) {
      const edit = editTags(lines, block, tags);
      for (const t of tags) {
        const what = `tag ${inlineCode(t.key)} = ${show(t.value)}`;
        if (edit.ok) fixed.push({ address, what, how: `added to \`tags\` in ${inlineCode(found.path)}` });
        else manual.push({ address, what, how: edit.why });
      }
      if (edit.ok) lines = edit.lines;
    }
    const text = lines.join("\n");
    if (text !== current.get(found.path)) {
      current.set(found.path, text);
      changed.add(found.path);
    }
  }
  return { edits: [...changed].map((path) => ({ path, content: current.get(path) ?? "" })), fixed, manual };
}

function howFor(actions: string): string {
  if (actions === "create")
    return "it is in the code but not in AWS (deleted outside Terraform?): `terraform apply` creates it again, or remove it from the code";
  if (actions === "delete")
    return "it is in the state but no longer in the code: `terraform apply` destroys it, or add it back to the code (or a `removed` block to forget it)";
  return "a change outside Terraform forces a replacement: `terraform apply` replaces it with what the code says, or change the code to match — check the plan first, a replacement can lose data";
}

function findResource(files: ReadonlyMap<string, string>, address: string) {
  const [, type, name] = ADDRESS.exec(address) ?? [];
  for (const [path, content] of files) {
    const lines = content.split("\n");
    const block = topBlocks(lines).find(
      (b) => b.kind === "resource" && b.labels[0] === type && b.labels[1] === name,
    );
    if (block) return { path, lines, block };
  }
  return null;
}

type Edit = { ok: true; lines: string[] } | { ok: false; why: string };

function editArgument(lines: string[], block: TopBlock, name: string, live: Scalar, code: Scalar): Edit {
  const at = findArgument(lines, block, name);
  if (at === null)
    return {
      ok: false,
      why: "the code does not set it (a default applies): add it to the code, or `terraform apply` to set it back",
    };
  const text = lines[at.line] ?? "";
  const value = text.slice(text.indexOf("=") + 1).trim();
  if (!at.literal) {
    const variable = /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(value)?.[1];
    return {
      ok: false,
      why: variable
        ? `the value comes from ${inlineCode(`var.${variable}`)}: set it to ${show(live)} where that variable's value is given (\`terraform.tfvars\`, \`-var\`, the workflow), or \`terraform apply\` to set the resource back`
        : `the value comes from the expression ${inlineCode(value)}: change what it is computed from, or \`terraform apply\` to set the resource back`,
    };
  }
  if (live === null)
    return {
      ok: false,
      why: "it was removed outside Terraform: `terraform apply` sets it back, or delete the argument from the code",
    };
  if (literalValue(value) !== code)
    return {
      ok: false,
      why: `the code holds ${inlineCode(value)}, not the value the drift check planned: plan again`,
    };
  const out = [...lines];
  out[at.line] = `${text.slice(0, text.indexOf("=") + 1)} ${hcl(live)}`;
  return { ok: true, lines: out };
}

function editTags(lines: string[], block: TopBlock, gaps: readonly { key: string; value: string }[]): Edit {
  const entry = (g: { key: string; value: string }) =>
    `    ${BARE_KEY.test(g.key) ? g.key : quote(g.key)} = ${quote(g.value)}`;
  const at = findArgument(lines, block, "tags");
  const out = [...lines];
  if (at === null) {
    out.splice(block.end, 0, "", "  tags = {", ...gaps.map(entry), "  }");
    return { ok: true, lines: out };
  }
  if (!MAP_OPEN.test(lines[at.line] ?? ""))
    return {
      ok: false,
      why: `\`tags\` is ${inlineCode((lines[at.line] ?? "").split("=").slice(1).join("=").trim())} here, not a plain map: add the tag where those tags are defined`,
    };
  let close = at.line + 1;
  while (close < block.end && !/^ {2}\}\s*$/.test(out[close] ?? "")) close += 1;
  const entries = out.slice(at.line + 1, close);
  if (close >= block.end || entries.some((l) => l.trim() !== "" && !MAP_ENTRY.test(l)))
    return { ok: false, why: "`tags` mixes expressions into the map: add the tag by hand" };
  const add: string[] = [];
  for (const gap of gaps) {
    const index = entries.findIndex((l) => keyOf(l) === gap.key);
    if (index >= 0) out[at.line + 1 + index] = entry(gap);
    else add.push(entry(gap));
  }
  out.splice(close, 0, ...add);
  return { ok: true, lines: out };
}

function keyOf(line: string): string | null {
  const raw = MAP_ENTRY.exec(line)?.[1];
  if (raw === undefined) return null;
  return raw.startsWith('"') ? (literalValue(raw) as string) : raw;
}

/** The value of a one-line HCL literal (`"x"`, `1`, `true`), or undefined. */
function literalValue(text: string): Scalar | undefined {
  if (text === "true" || text === "false") return text === "true";
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  try {
    const parsed: unknown = JSON.parse(text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{"));
    return typeof parsed === "string" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
