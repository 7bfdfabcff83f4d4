import type { AwsProviderSchema } from "../terraform/schema/index.js";
import { relationOf, type Relation } from "./relations.js";

/** A resource type whose only job is to connect two others, and the argument that points at each. */
export interface Join {
  type: string;
  /** Target type → the join's argument that references it. */
  args: Map<string, Relation>;
}

const JOIN_NAME = /_(?:association|attachment)s?$/;
const indexes = new WeakMap<AwsProviderSchema, Map<string, Join[]>>();
const pairKey = (a: string, b: string): string => [a, b].sort().join("|");

/**
 * `aws_redshift_cluster_iam_roles`: a type named after another type and the plural of a third manages the
 * list that joins them, like an `_association` or `_attachment` does.
 */
function isPluralJoin(type: string, known: (t: string) => boolean): boolean {
  if (!type.endsWith("s")) return false;
  const words = type.slice(4, -1).split("_");
  for (let k = 1; k < words.length; k++)
    if (known(`aws_${words.slice(0, k).join("_")}`) && known(`aws_${words.slice(k).join("_")}`)) return true;
  return false;
}

/** Every join type of the provider, by the pair of types it connects (read from its reference arguments). */
function indexOf(schema: AwsProviderSchema): Map<string, Join[]> {
  const cached = indexes.get(schema);
  if (cached !== undefined) return cached;
  const index = new Map<string, Join[]>();
  const known = (t: string): boolean => schema.resource(t) !== undefined;
  for (const type of schema.resourceTypes()) {
    if (!JOIN_NAME.test(type) && !isPluralJoin(type, known)) continue;
    const ts = schema.resource(type);
    if (ts === undefined || ts.deprecated) continue;
    const args = new Map<string, Relation>();
    for (const [arg, spec] of ts.attributes) {
      if (ts.computed.includes(arg)) continue;
      const relation = relationOf(type, arg, spec, schema);
      // The required argument wins when two point at the same type (`role_arn` over `target_role_arn`).
      if (relation !== null && (!args.has(relation.target) || spec.required))
        args.set(relation.target, relation);
    }
    const targets = [...args.keys()];
    for (const [i, a] of targets.entries())
      for (const b of targets.slice(i + 1)) {
        const key = pairKey(a, b);
        index.set(key, [...(index.get(key) ?? []), { type, args }]);
      }
  }
  indexes.set(schema, index);
  return index;
}

/** The types a join type's arguments point at. */
export function joinTargets(schema: AwsProviderSchema, type: string): Set<string> {
  const ts = schema.resource(type);
  const targets = new Set<string>();
  for (const [arg, spec] of ts?.attributes ?? [])
    if (!ts?.computed.includes(arg)) {
      const relation = relationOf(type, arg, spec, schema);
      if (relation !== null) targets.add(relation.target);
    }
  return targets;
}

/**
 * The join type that connects `a` and `b`: `aws_vpc_dhcp_options_association` for DHCP options and a VPC,
 * `aws_lightsail_disk_attachment` for a Lightsail disk and instance. Single references beat lists (the
 * exclusive `aws_iam_policy_attachment` takes lists of roles), then the shorter name.
 */
export function joinFor(schema: AwsProviderSchema, a: string, b: string): Join | undefined {
  const candidates = indexOf(schema).get(pairKey(a, b)) ?? [];
  const lists = (j: Join): number => Number(j.args.get(a)?.list) + Number(j.args.get(b)?.list);
  return [...candidates].sort((x, y) => lists(x) - lists(y) || x.type.length - y.type.length)[0];
}

/**
 * The arguments of `from` that reference `to` (`vpc_id` of a security group, `iam_roles` of a Redshift
 * cluster). A single one named after the target (`vpc_id` → aws_vpc) is how the two are joined already: no
 * join type is needed then.
 */
export function referencesTo(
  schema: AwsProviderSchema,
  from: string,
  to: string,
): { own: boolean; args: string[] } {
  const ts = schema.resource(from);
  if (ts === undefined) return { own: false, args: [] };
  const args: string[] = [];
  let own = false;
  for (const [arg, spec] of ts.attributes) {
    if (ts.computed.includes(arg)) continue;
    const relation = relationOf(from, arg, spec, schema);
    if (relation?.target !== to) continue;
    args.push(arg);
    const stem = arg.replace(/_(?:id|arn|name)$/, "");
    if (!relation.list && to.endsWith(`_${stem}`)) own = true;
  }
  return { own, args };
}
