import type { Built } from "./state.js";
import { moduleFor } from "./modules.js";
import { refOf, type Node } from "./node.js";
import type { LocalModule, PlannedModule, PlannedVariable } from "./types.js";

/**
 * Requested resources of a type the repo wraps in a local module become calls of that module, with the
 * companions that only served them (the module is the repo's way of making that thing). A resource other
 * resources of the plan refer to stays a resource: a module call does not expose the same attributes.
 */
export function useLocalModules(
  built: Built,
  modules: readonly LocalModule[],
): { nodes: Node[]; modules: PlannedModule[]; variables: PlannedVariable[] } {
  if (modules.length === 0) return { nodes: built.nodes, modules: [], variables: built.variables };
  const variables = [...built.variables];
  const text = (n: Node): string => JSON.stringify([...n.set.values()]);
  const calls: PlannedModule[] = [];
  const dropped = new Set<Node>();
  for (const node of built.nodes) {
    if (node.origin !== "requested") continue;
    const ref = `${refOf(node)}.`;
    const users = built.nodes.filter((n) => n !== node && text(n).includes(ref));
    if (users.some((n) => !(n.origin === "companion" && n.serves === node.type))) continue;
    const call = moduleFor(node, modules, (wanted, variable) => {
      let name = wanted;
      while (variables.some((v) => v.name === name)) name = `${name}_2`;
      const declared: PlannedVariable = {
        name,
        type: variable.type ?? "any",
        description: variable.description ?? `${variable.name} of the ${node.name} module call.`,
        sensitive: false,
      };
      variables.push(declared);
      return declared;
    });
    if (call === null) continue;
    calls.push(call);
    dropped.add(node);
    users.forEach((u) => dropped.add(u));
  }
  const nodes = built.nodes.filter((n) => !dropped.has(n));
  // Variables only the replaced resources used go with them.
  const used = JSON.stringify([...nodes.map((n) => [...n.set.values()]), calls.map((c) => c.body)]);
  return {
    nodes,
    modules: calls,
    variables: variables.filter((v) => used.includes(`var.${v.name}`)),
  };
}
