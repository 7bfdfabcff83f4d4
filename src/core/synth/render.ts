import { attr, block, type Item, renderFile, type Value } from "../recipes/hcl/writer.js";
import type { FileChange } from "../recipes/index.js";
import { serviceOf } from "../terraform/conventions/services.js";
import type { ChangePlan, PlannedResource } from "./types.js";
import type { RecipeContext } from "../recipes/index.js";

interface Tree {
  attrs: [string, Value][];
  blocks: Map<string, Tree>;
}

/** `{ "a": v, "b.c": w }` → `a = v` and `b { c = w }`; the order is: names first, then the rest as set. */
export function bodyOf(set: ReadonlyMap<string, Value>): Item[] {
  const root: Tree = { attrs: [], blocks: new Map() };
  for (const [path, value] of set) {
    const parts = path.split(".");
    let tree = root;
    for (const part of parts.slice(0, -1)) {
      let next = tree.blocks.get(part);
      if (next === undefined) {
        next = { attrs: [], blocks: new Map() };
        tree.blocks.set(part, next);
      }
      tree = next;
    }
    tree.attrs.push([parts[parts.length - 1] ?? path, value]);
  }
  const toItems = (tree: Tree): Item[] => {
    const attrs = [...tree.attrs].sort(([a], [b]) => rank(a) - rank(b));
    return [
      ...attrs.map(([name, value]) => attr(name, value)),
      ...[...tree.blocks].map(([name, sub]) => block(name, [], toItems(sub))),
    ];
  };
  return toItems(root);
}

const FIRST = ["name", "bucket", "function_name", "identifier", "role", "vpc_id"];
const rank = (name: string): number => {
  const i = FIRST.indexOf(name);
  return i < 0 ? (name === "tags" ? 100 : 10) : i;
};

/** Where a resource goes: the repo's file for its service, `main.tf` in a single-file repo, else `<service>.tf`. */
export function fileFor(type: string, repo: RecipeContext): string {
  if (repo.fileLayout === "single_main") return "main.tf";
  const service = serviceOf(type);
  return repo.serviceFiles?.[service] ?? `${service}.tf`;
}

/** The files of a plan, appended to the ones the root module already has. */
export function renderPlan(plan: ChangePlan, repo: RecipeContext, variablesFile: string): FileChange[] {
  const byFile = new Map<string, Item[]>();
  const push = (file: string, item: Item): void => {
    byFile.set(file, [...(byFile.get(file) ?? []), item]);
  };
  for (const d of plan.data) push(fileFor(d.type, repo), block("data", [d.type, d.name], d.body));
  for (const r of plan.create) push(r.file, resourceBlock(r));
  for (const m of plan.modules) push(fileFor(m.wraps, repo), block("module", [m.name], m.body));
  for (const v of plan.variables) {
    const body: Item[] = [
      attr("description", { k: "str", v: v.description }),
      attr("type", { k: "raw", v: v.type }),
      ...(v.sensitive ? [attr("sensitive", { k: "bool", v: true })] : []),
    ];
    push(variablesFile, block("variable", [v.name], body));
  }
  const existing = new Set(repo.existingFiles ?? []);
  return [...byFile].map(([path, items]) => ({
    path,
    content: renderFile(items),
    mode: existing.has(path) ? "append" : "create",
  }));
}

const resourceBlock = (r: PlannedResource): Item => block("resource", [r.type, r.name], r.body);
