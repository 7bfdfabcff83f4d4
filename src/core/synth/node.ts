import type { Value } from "../recipes/hcl/writer.js";

/** A resource while the plan is being built: arguments by path (`vpc_config.subnet_ids`), set once. */
export interface Node {
  type: string;
  name: string;
  origin: "requested" | "dependency" | "companion";
  why: string;
  set: Map<string, Value>;
  notes: string[];
  /** The resource type this one serves (a role for aws_lambda_function), for trust policies and grants. */
  serves?: string;
  /** Optional nested blocks the request names (`splunk_configuration`): written like required ones. */
  blocks?: Set<string>;
  /** Position of the words that asked for it, to give nearby attributes to it. */
  at: number;
  /** Arguments left unset on purpose: a join resource manages them (`iam_roles` beside its `_iam_roles`). */
  unset?: Set<string>;
}

export const refOf = (node: Pick<Node, "type" | "name">): string => `${node.type}.${node.name}`;

export function setOnce(node: Node, path: string, value: Value, note?: string): boolean {
  if (node.set.has(path) || node.unset?.has(path)) return false;
  node.set.set(path, value);
  if (note !== undefined && !node.notes.includes(note)) node.notes.push(note);
  return true;
}
