import { raw, str } from "../recipes/hcl/writer.js";
import type { AttributeSchema } from "../terraform/schema/index.js";
import { addCompanions, principalFor, trustPolicy, type CompanionEnv } from "./companions.js";
import { clashes } from "./constraints.js";
import { attachNamedPolicies } from "./iam.js";
import { refOf, setOnce, type Node } from "./node.js";
import { relationOf } from "./relations.js";
import { MAX_NODES, type BuildState } from "./state.js";
import { knownValue } from "./values.js";

/** Types that are never added just to satisfy a reference: they cost money or need decisions of their own. */
const NOT_A_DEPENDENCY =
  /^aws_(?:instance|eks_cluster|db_instance|rds_cluster|lb|nat_gateway|redshift_cluster|msk_cluster|ecs_service|cloudfront_distribution|elasticache_.*)$/;
const OWN_ROLE =
  /^(?:role_arn|role|service_role(?:_arn)?|execution_role_arn|service_execution_role|iam_role_arn)$/;
/** Shared infrastructure a new resource joins rather than duplicates when the repo has one. */
export const SHARED =
  /^aws_(?:vpc|subnet|kms_key|route53_zone|internet_gateway|ecs_cluster|eks_cluster|cloudwatch_event_bus|lb|db_subnet_group|sns_topic)$/;

/**
 * `s3_bucket` of a Lambda or a Beanstalk version is where its package lives, next to an `s3_key`: never any
 * bucket the plan happens to have (the provider then insists on the key, and the bucket holds no package).
 */
export const isPackageLocation = (target: string | undefined, arg: string): boolean =>
  target === "aws_s3_bucket" && /^s3_/.test(arg);

/** Fills one argument of a resource: a reference, a known safe value, or a variable. */
export type Fill = (
  node: Node,
  path: string,
  spec: AttributeSchema,
  docUrl: string,
  required: boolean,
) => void;

export interface Closer {
  companions: CompanionEnv;
  fill: Fill;
  /** Resources whose companions were added already. */
  accompanied: Set<Node>;
  /** After a resource's arguments are written: the role it acts with, unless it works through another's. */
  settle: (node: Node) => void;
}

/**
 * Phase 3, close: companions of what was asked for (a Lambda's role, a topic's key), named policies, and
 * the filler that wires references to what the plan or the repo has, adding missing targets.
 */
export function close(state: BuildState): Closer {
  const { nodes, reused, ctx } = state;
  const schema = ctx.schema;
  const adopted = new Set<Node>();
  const companions: CompanionEnv = {
    nodes,
    data: (type, name, body) => state.readData(type, name, body),
    add: (type: string, why: string, serves?: Node): Node => {
      const same =
        nodes.find(
          (n) => n.type === type && n.why === why && (serves === undefined || n.serves === serves.type),
        ) ?? nodes.find((n) => n.type === type && n.origin === "requested" && !adopted.has(n));
      if (same !== undefined) {
        adopted.add(same);
        return same;
      }
      return state.addNode(type, "companion", why, serves?.at ?? -1, serves?.name ?? "main", serves);
    },
    find: (type) => state.find(type),
    has: (type: string) => state.find(type) !== undefined,
    exists: (type: string) => schema.resource(type) !== undefined,
    argumentsOf: (type: string) => [...(schema.resource(type)?.attributes.keys() ?? [])],
    words: state.words,
    engine: state.engine,
    kmsKey: ctx.kmsKey,
    request: state.request,
    variable: (node: Node, path: string, type: string, description: string): string => {
      const name = state.variableName(node, path);
      state.variables.push({ name, type, description, sensitive: false });
      return `var.${name}`;
    },
  };
  state.missing.push(...attachNamedPolicies(companions, state.request));
  // Companions added here get their own in the write loop (a load balancer's target group its attachment).
  const accompanied = new Set(nodes);
  addCompanions(companions);

  // References between new resources, so that wiring an optional argument never closes a cycle.
  const edges = new Map<Node, Set<Node>>();
  const reaches = (from: Node, to: Node, seen = new Set<Node>()): boolean => {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return [...(edges.get(from) ?? [])].some((n) => reaches(n, to, seen));
  };

  const deferred: { node: Node; path: string; spec: AttributeSchema; docUrl: string }[] = [];
  const fill: Fill = (node, path, spec, docUrl, required) => {
    if (node.set.has(path)) return;
    const ts = state.typeSchema(node.type);
    if (!required && ts !== undefined && clashes(ts, node, path)) return;
    const parts = path.split(".");
    const arg = parts[parts.length - 1] ?? path;
    const relation = relationOf(node.type, arg, spec, schema, parts[parts.length - 2]);
    if (!required && isPackageLocation(relation?.target, arg)) return;
    // A service's own role is part of it: the service cannot act without one, even where the schema
    // leaves the argument optional (SageMaker pipelines, Kinesis analytics, Firehose destinations).
    // It is settled once the resource's other arguments are written (`settle`): an endpoint configuration
    // that serves a model with a role of its own needs none.
    if (
      !required &&
      relation?.target === "aws_iam_role" &&
      OWN_ROLE.test(arg) &&
      principalFor(node.type) !== undefined &&
      !/^aws_(?:iam_|cloudwatch_event_(?:target|rule)$)/.test(node.type) &&
      !deferred.some((d) => d.node === node && d.path === path)
    )
      deferred.push({ node, path, spec, docUrl });
    if (relation !== null) {
      // A role is shared only when asked for; a role added for one service is that service's alone.
      const usable = (n: Node): boolean =>
        n.type === relation.target &&
        n !== node &&
        !reaches(n, node) &&
        (n.type !== "aws_iam_role" || n.origin === "requested" || n.serves === node.type);
      let target = nodes.find((n) => usable(n) && n.origin === "requested") ?? nodes.find(usable);
      // One optional argument per thing referred to: an instance's vpc_security_group_ids, not also the
      // EC2-Classic security_groups (references come first, so the current argument has been wired).
      if (!required && target !== undefined && edges.get(node)?.has(target) === true) return;
      const named = reused.find((r) => r.type === relation.target);
      const existingRef =
        target !== undefined
          ? undefined
          : named !== undefined
            ? `${named.type}.${named.name}`
            : required && SHARED.test(relation.target)
              ? state.inRepo(relation.target)
              : undefined;
      if (
        target === undefined &&
        existingRef === undefined &&
        required &&
        !NOT_A_DEPENDENCY.test(relation.target) &&
        nodes.length < MAX_NODES
      )
        target = state.addNode(
          relation.target,
          "dependency",
          `${node.type}.${node.name} needs one (${arg})`,
          node.at,
          node.name === "main" ? "main" : node.name,
          node,
        );
      // Whatever takes a list of subnets spans two zones (subnet groups and load balancers insist on it).
      if (
        required &&
        target?.origin === "dependency" &&
        relation.list &&
        relation.target === "aws_subnet" &&
        nodes.filter(usable).length < 2 &&
        nodes.length < MAX_NODES
      )
        state.addNode(target.type, "dependency", target.why, node.at, `${target.name}_2`, node);
      const targets = target === undefined ? [] : relation.list ? nodes.filter(usable) : [target];
      for (const t of targets) edges.set(node, new Set([...(edges.get(node) ?? []), t]));
      const refs = target !== undefined ? targets.map(refOf) : existingRef !== undefined ? [existingRef] : [];
      if (refs.length > 0) {
        const value = relation.list
          ? { k: "list" as const, items: refs.map((r) => raw(`${r}.${relation.attribute}`)) }
          : raw(`${refs[0]}.${relation.attribute}`);
        setOnce(node, path, value);
        return;
      }
    }
    if (!required) {
      const known = knownValue(arg, spec, state.valueEnvFor(node), path, false);
      if (known !== undefined) setOnce(node, path, known);
      return;
    }
    if (node.type === "aws_iam_role" && arg === "assume_role_policy") {
      const principal =
        principalFor(node.serves ?? "") ??
        principalFor(
          nodes.find((n) => principalFor(n.type) !== undefined && n.type !== "aws_iam_role")?.type ?? "",
        );
      if (principal !== undefined) {
        setOnce(node, path, trustPolicy(principal), `only ${principal} may assume it`);
        return;
      }
    }
    if (node.type === "aws_lambda_permission" && arg === "principal") {
      setOnce(node, path, str("events.amazonaws.com"));
      return;
    }
    const known = knownValue(arg, spec, state.valueEnvFor(node), path, required);
    if (known !== undefined) setOnce(node, path, known);
    else if (required) setOnce(node, path, raw(state.variableFor(node, path, spec, docUrl)));
  };
  // A resource of the same service it points at whose own schema requires a role does the acting.
  const actsThrough = (node: Node): boolean => {
    const service = node.type.split("_")[1] ?? "";
    const values = JSON.stringify([...node.set.values()]);
    return nodes.some((n) => {
      if (n === node || n.type.split("_")[1] !== service || !values.includes(`${refOf(n)}.`)) return false;
      const ts = state.typeSchema(n.type);
      return [...(ts?.attributes.values() ?? [])].some(
        (a) =>
          a.required &&
          OWN_ROLE.test(a.name) &&
          relationOf(n.type, a.name, a, schema)?.target === "aws_iam_role",
      );
    });
  };
  const settle = (node: Node): void => {
    const mine = deferred.filter((d) => d.node === node && !node.set.has(d.path));
    if (mine.length === 0 || actsThrough(node)) return;
    for (const d of mine) fill(node, d.path, d.spec, d.docUrl, true);
  };
  return { companions, fill, accompanied, settle };
}
