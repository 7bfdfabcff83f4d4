import type { Block } from "../types.js";
import { instances, isObject } from "../validate/values.js";
import { type ExpressionScan, emptyScan, scanValue } from "./traversals.js";

/** Where an expression sits: which meta-references Terraform allows there. */
export interface Scope {
  count: boolean;
  forEach: boolean;
  self: boolean;
  /** Iterator names of enclosing `dynamic` blocks. */
  iterators: ReadonlySet<string>;
}

export interface ScopedScan {
  /** The attribute (or block) the expressions came from, for the finding's line. */
  key: string;
  scan: ExpressionScan;
  scope: Scope;
}

/** Every expression in a block body with the scope it is evaluated in (dynamic iterators, self). */
export function scanBody(body: Block, scope: Scope, out: ScopedScan[] = []): ScopedScan[] {
  for (const [key, value] of Object.entries(body)) {
    if (key === "dynamic" && isObject(value)) {
      for (const [label, bodies] of Object.entries(value))
        for (const dynamic of instances(bodies)) {
          const iterator =
            typeof dynamic["iterator"] === "string" ? dynamic["iterator"].replace(/^\$\{|\}$/g, "") : label;
          const inner: Scope = { ...scope, iterators: new Set([...scope.iterators, iterator]) };
          for (const [name, part] of Object.entries(dynamic)) {
            if (name === "content") for (const content of instances(part)) scanBody(content, inner, out);
            else if (name !== "iterator") out.push({ key: label, scan: scanValue(part, emptyScan()), scope });
          }
        }
      continue;
    }
    const nested = key === "provisioner" || key === "connection" ? { ...scope, self: true } : scope;
    if (Array.isArray(value) && value.length > 0 && value.every(isObject) && key !== "tags") {
      for (const block of value) {
        if (key === "provisioner")
          for (const inner of Object.values(block))
            for (const b of instances(inner)) scanBody(b, nested, out);
        else scanBody(block, nested, out);
      }
    } else out.push({ key, scan: scanValue(value, emptyScan()), scope: nested });
  }
  return out;
}
