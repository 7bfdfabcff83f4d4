import { attr, raw, str, type Item, type Value } from "../recipes/hcl/writer.js";
import type { Node } from "./node.js";
import type { LocalModule, PlannedModule, PlannedVariable } from "./types.js";

/** `retention_in_days` and `retention_days` name the same thing; so do `name` and `log_group_name`. */
const stem = (name: string): string => name.replace(/_in_/g, "_").replace(/_(?:name|id)$/, "");

/**
 * A resource the request asks for, when the repo wraps its type in a local module (`./modules/log-group`),
 * becomes a call of that module: its variables take the values the plan gave the resource's arguments of
 * the same name, the resource's name for a `name` variable, and a new described variable for any other
 * required input. Returns null when no module of the repo wraps it.
 */
export function moduleFor(
  node: Node,
  modules: readonly LocalModule[],
  declare: (wanted: string, variable: LocalModule["variables"][number]) => PlannedVariable,
): PlannedModule | null {
  // The module whose resources are this type and nothing it would need wiring for.
  const module = modules.find((m) => m.types.length > 0 && m.types.every((t) => t === node.type));
  if (module === undefined) return null;
  const inputs: Item[] = [];
  const notes: string[] = [];
  for (const variable of module.variables) {
    const given = [...node.set].find(([path]) => !path.includes(".") && stem(path) === stem(variable.name));
    let value: Value | undefined = given?.[1];
    if (value === undefined && /(?:^|_)name$/.test(variable.name)) value = node.set.get("name");
    if (value === undefined && !variable.required) continue;
    if (value === undefined) {
      const declared = declare(`${node.name}_${variable.name}`, variable);
      value = raw(`var.${declared.name}`);
      notes.push(`${variable.name} from var.${declared.name}`);
    } else notes.push(`${variable.name} from the plan's ${given?.[0] ?? "name"}`);
    inputs.push(attr(variable.name, value));
  }
  return {
    name: node.name,
    source: module.source,
    wraps: node.type,
    why: `${node.why}; the repository wraps ${node.type} in ${module.source}`,
    body: [attr("source", str(module.source)), ...inputs],
    notes,
  };
}
