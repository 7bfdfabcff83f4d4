// "an HTTP API that invokes the orders lambda", "send GuardDuty findings to an SNS topic": a verb that says
// one requested thing acts on another is a part of the request. When nothing in the plan connects the two —
// no chain of references between them, through any resource of the plan — the change does not do what was
// asked, and the plan says so.
import { refOf, type Node } from "./node.js";
import type { Token } from "./words.js";

/** Verbs that only ever mean "acts on" ("route" and "stream" are nouns too often: a route table, a stream). */
const LINK = new Set([
  "invoke",
  "invokes",
  "invoking",
  "trigger",
  "triggers",
  "triggering",
  "send",
  "sends",
  "forward",
  "forwards",
  "deliver",
  "delivers",
  "publish",
  "publishes",
]);

/** Nodes joined by references in either direction, as one group each. */
function groups(nodes: readonly Node[]): Map<string, number> {
  const ids = nodes.map(refOf);
  const text = nodes.map((n) => JSON.stringify([...n.set.values()]));
  const group = new Map(ids.map((id, k) => [id, k]));
  const find = (id: string): number => group.get(id) ?? -1;
  const merge = (a: number, b: number): void => {
    for (const [id, g] of group) if (g === b) group.set(id, a);
  };
  ids.forEach((id, k) => {
    for (const other of ids)
      if (other !== id && text[k]?.includes(`${other}.`) && find(id) !== find(other))
        merge(find(id), find(other));
  });
  return group;
}

/** The link verbs of the request whose two ends the plan leaves unconnected. */
export function unlinked(tokens: readonly Token[], nodes: readonly Node[]): string[] {
  const requested = nodes.filter((n) => n.origin === "requested");
  const group = groups(nodes);
  const out: string[] = [];
  tokens.forEach((token, i) => {
    if (!LINK.has(token.raw)) return;
    const before = requested.filter((n) => n.at < i).sort((a, b) => b.at - a.at)[0];
    const after = requested.filter((n) => n.at > i).sort((a, b) => a.at - b.at)[0];
    if (before === undefined || after === undefined || before.type === after.type) return;
    if (group.get(refOf(before)) !== group.get(refOf(after)))
      out.push(`${token.raw} (nothing connects ${refOf(before)} to ${refOf(after)})`);
  });
  return out;
}
