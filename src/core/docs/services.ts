import type { ActionLookup, AuthorizationReference } from "./types.js";

/** IAM service prefix → the slug of its Service Authorization Reference page (list_<slug>.html). */
export const AUTHZ_PAGES: Readonly<Record<string, string>> = {
  s3: "amazons3",
  sqs: "amazonsqs",
  sns: "amazonsns",
  iam: "awsidentityandaccessmanagementiam",
  sts: "awssecuritytokenservice",
  lambda: "awslambda",
  dynamodb: "amazondynamodb",
  ec2: "amazonec2",
  ecr: "amazonelasticcontainerregistry",
  ecs: "amazonelasticcontainerservice",
  eks: "amazonelastickubernetesservice",
  kms: "awskeymanagementservice",
  logs: "amazoncloudwatchlogs",
  cloudwatch: "amazoncloudwatch",
  events: "amazoneventbridge",
  scheduler: "amazoneventbridgescheduler",
  secretsmanager: "awssecretsmanager",
  ssm: "awssystemsmanager",
  rds: "amazonrds",
  route53: "amazonroute53",
  cloudfront: "amazoncloudfront",
  apigateway: "amazonapigateway",
  states: "awsstepfunctions",
  elasticloadbalancing: "awselasticloadbalancingv2",
  acm: "awscertificatemanager",
  cloudformation: "awscloudformation",
  kinesis: "amazonkinesis",
  firehose: "amazonkinesisfirehose",
  elasticache: "amazonelasticache",
  elasticfilesystem: "amazonelasticfilesystem",
  autoscaling: "amazonec2autoscaling",
  wafv2: "awswafv2",
};

/** Terraform type prefix (after "aws_") → IAM service prefix, longest match first. */
const TYPE_SERVICES: [string, string][] = [
  ["cloudwatch_log_", "logs"],
  ["cloudwatch_event_", "events"],
  ["cloudwatch_", "cloudwatch"],
  ["iam_", "iam"],
  ["s3_", "s3"],
  ["sqs_", "sqs"],
  ["sns_", "sns"],
  ["lambda_", "lambda"],
  ["dynamodb_", "dynamodb"],
  ["ecr_", "ecr"],
  ["ecs_", "ecs"],
  ["eks_", "eks"],
  ["kms_", "kms"],
  ["secretsmanager_", "secretsmanager"],
  ["ssm_", "ssm"],
  ["db_", "rds"],
  ["rds_", "rds"],
  ["route53_", "route53"],
  ["cloudfront_", "cloudfront"],
  ["api_gateway", "apigateway"],
  ["apigatewayv2_", "apigateway"],
  ["sfn_", "states"],
  ["lb", "elasticloadbalancing"],
  ["alb", "elasticloadbalancing"],
  ["acm_", "acm"],
  ["cloudformation_", "cloudformation"],
  ["kinesis_firehose", "firehose"],
  ["kinesis_", "kinesis"],
  ["elasticache_", "elasticache"],
  ["efs_", "elasticfilesystem"],
  ["autoscaling_", "autoscaling"],
  ["scheduler_", "scheduler"],
  ["wafv2_", "wafv2"],
  ["instance", "ec2"],
  ["vpc", "ec2"],
  ["subnet", "ec2"],
  ["security_group", "ec2"],
  ["route_table", "ec2"],
  ["internet_gateway", "ec2"],
  ["nat_gateway", "ec2"],
  ["eip", "ec2"],
  ["ebs_", "ec2"],
  ["launch_template", "ec2"],
];

export function serviceOfType(type: string): string | undefined {
  const rest = type.replace(/^aws_/, "");
  return TYPE_SERVICES.find(([prefix]) => rest.startsWith(prefix))?.[1];
}

export function authorizationUrl(servicePrefix: string): string | undefined {
  const slug = AUTHZ_PAGES[servicePrefix.toLowerCase()];
  return slug === undefined
    ? undefined
    : `https://docs.aws.amazon.com/service-authorization/latest/reference/list_${slug}.html`;
}

/** Looks up "s3:PutObject" in a parsed reference: the action and the ARN pattern of each resource type it applies to. */
export function findAction(
  reference: AuthorizationReference,
  qualified: string,
  url: string,
): ActionLookup | undefined {
  const wanted = qualified.toLowerCase();
  const action = reference.actions.find((a) => a.action.toLowerCase() === wanted);
  if (action === undefined) return undefined;
  const resources = action.resourceTypes.map((r) => ({
    name: r.name,
    required: r.required,
    arnPattern: reference.resourceTypes.find((t) => t.name === r.name)?.arnPattern ?? "",
  }));
  return { action, resources, url };
}

/** The text of one action, as a section retrieval can rank and a diagnosis can quote. */
export function describeAction(lookup: ActionLookup): string {
  const { action } = lookup;
  const lines = [`${action.action} (${action.accessLevel}): ${action.description}`];
  for (const r of lookup.resources) {
    lines.push(
      `- resource type ${r.name}${r.required ? " (required)" : ""}: ${r.arnPattern || "(no ARN pattern listed)"}`,
    );
  }
  if (lookup.resources.length === 0)
    lines.push('- no resource-level permissions: the policy must use "Resource": "*"');
  if (action.conditionKeys.length > 0) lines.push(`- condition keys: ${action.conditionKeys.join(", ")}`);
  if (action.dependentActions.length > 0) lines.push(`- also needs: ${action.dependentActions.join(", ")}`);
  return lines.join("\n");
}
