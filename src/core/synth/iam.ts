import { raw, str } from "../recipes/hcl/writer.js";
import { refOf, setOnce, type Node } from "./node.js";

/** AWS managed policies that grant a service role exactly its documented baseline. */
export const MANAGED: [RegExp, string][] = [
  [/^aws_lambda_/, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
  [/^aws_eks_cluster$/, "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"],
  [/^aws_eks_node_group$/, "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"],
  [/^aws_eks_fargate_profile$/, "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy"],
  [/^aws_backup_/, "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"],
  [
    /^aws_elastic_beanstalk_application(?:_version)?$/,
    "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
  ],
  [/^aws_elastic_beanstalk_/, "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier"],
  [/^aws_glue_/, "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"],
  [/^aws_ecs_/, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
  [/^aws_(?:instance|iam_instance_profile)$/, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
];

/** Managed policies that live under `service-role/` (the rest are at the root of `policy/`). */
const SERVICE_ROLE = new Set(
  "AWSLambdaBasicExecutionRole AWSLambdaVPCAccessExecutionRole AWSLambdaSQSQueueExecutionRole AWSLambdaDynamoDBExecutionRole AWSLambdaKinesisExecutionRole AWSBackupServiceRolePolicyForBackup AWSBackupServiceRolePolicyForRestores AmazonECSTaskExecutionRolePolicy AWSGlueServiceRole AmazonEC2ContainerServiceforEC2Role AWS_ConfigRole AWSCodeDeployRole AmazonEC2RoleforSSM AWSIoTLogging AWSIoTRuleActions".split(
    " ",
  ),
);

const ARN = /\barn:aws:iam::aws:policy\/[\w+=,.@/-]+/g;
const NAME = /\b(?:Amazon|AWS)[A-Za-z0-9_]*(?:Policy|Role|Access|ReadOnly|ReadOnlyAccess)\b/g;

/** Managed policies the request names, by ARN or by name ("attach AmazonEKSClusterPolicy"), as ARNs. */
export function namedManagedPolicies(request: string): string[] {
  const arns = [...request.matchAll(ARN)].map((m) => m[0].replace(/[.,;]+$/, ""));
  const named = [...request.replace(ARN, " ").matchAll(NAME)].map((m) =>
    SERVICE_ROLE.has(m[0])
      ? `arn:aws:iam::aws:policy/service-role/${m[0]}`
      : `arn:aws:iam::aws:policy/${m[0]}`,
  );
  return [...new Set([...arns, ...named])];
}

export interface PolicyEnv {
  nodes: Node[];
  add(type: string, why: string, serves?: Node): Node;
}

/**
 * One `aws_iam_role_policy_attachment` per managed policy the request names, on the role it asks for.
 * Returns the policies that have no role to go to (said as not covered).
 */
export function attachNamedPolicies(env: PolicyEnv, request: string): string[] {
  const arns = namedManagedPolicies(request);
  if (arns.length === 0) return [];
  const role =
    env.nodes.find((n) => n.type === "aws_iam_role" && n.origin === "requested") ??
    env.nodes.find((n) => n.type === "aws_iam_role");
  if (role === undefined) return arns.map((a) => `${a} (no role to attach it to)`);
  const existing = env.nodes.filter((n) => n.type === "aws_iam_role_policy_attachment");
  for (const arn of arns) {
    // An attachment the request already asked for takes the first policy; the rest get their own.
    const free = existing.find((n) => !n.set.has("policy_arn"));
    const node =
      free ?? env.add("aws_iam_role_policy_attachment", `attach ${arn.split("/").pop() ?? arn}`, role);
    setOnce(node, "role", raw(`${refOf(role)}.name`));
    setOnce(node, "policy_arn", str(arn), "the managed policy the request names");
  }
  return [];
}
