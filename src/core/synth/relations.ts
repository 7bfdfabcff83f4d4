import type { AttributeSchema, AwsProviderSchema } from "../terraform/schema/index.js";

/** An argument that points at another resource, and which attribute of the target it takes. */
export interface Relation {
  arg: string;
  target: string;
  attribute: string;
  list: boolean;
}

/** Argument stems whose target type is not `aws_<service>_<stem>` or `aws_<stem>`. */
const STEMS: Record<string, string> = {
  load_balancer: "aws_lb",
  lb: "aws_lb",
  role: "aws_iam_role",
  iam_role: "aws_iam_role",
  execution_role: "aws_iam_role",
  service_role: "aws_iam_role",
  task_role: "aws_iam_role",
  cluster_role: "aws_iam_role",
  node_role: "aws_iam_role",
  instance_profile: "aws_iam_instance_profile",
  iam_instance_profile: "aws_iam_instance_profile",
  kms_key: "aws_kms_key",
  kms_master_key: "aws_kms_key",
  subnet: "aws_subnet",
  security_group: "aws_security_group",
  vpc_security_group: "aws_security_group",
  topic: "aws_sns_topic",
  // Alarm actions: where an alarm notifies (a topic the plan or the repo has).
  alarm_action: "aws_sns_topic",
  ok_action: "aws_sns_topic",
  sns_topic: "aws_sns_topic",
  function: "aws_lambda_function",
  lambda_function: "aws_lambda_function",
  log_group: "aws_cloudwatch_log_group",
  cloudwatch_log_group: "aws_cloudwatch_log_group",
  bucket: "aws_s3_bucket",
  s3_bucket: "aws_s3_bucket",
  hosted_zone: "aws_route53_zone",
  db_subnet_group: "aws_db_subnet_group",
  target_group: "aws_lb_target_group",
  gateway: "aws_internet_gateway",
  internet_gateway: "aws_internet_gateway",
  nat_gateway: "aws_nat_gateway",
  route_table: "aws_route_table",
  vpc: "aws_vpc",
  allocation: "aws_eip",
  network_interface: "aws_network_interface",
  policy: "aws_iam_policy",
  user_pool: "aws_cognito_user_pool",
  key_name: "aws_key_pair",
  rest_api: "aws_api_gateway_rest_api",
  state_machine: "aws_sfn_state_machine",
  event_source: "aws_sqs_queue",
  stream: "aws_kinesis_stream",
  instance: "aws_instance",
  target: "aws_instance",
  parameter_group: "aws_db_parameter_group",
  option_group: "aws_db_option_group",
  repository: "aws_ecr_repository",
  volume: "aws_ebs_volume",
};

/** Bare argument names that hold a document or a value, never a reference. */
const NOT_REFERENCES = new Set(
  "policy document definition template body description type engine source mode status value content schedule".split(
    " ",
  ),
);

const SUFFIX = /_(ids|arns|names|id|arn|name|identifier|identifiers|url)$/;

const singularBlock = (block: string): string => block.replace(/s$/, "");

/** Which target attribute an argument wants, from its suffix; bare names take the target's id. */
function attributeFor(type: string, arg: string, target: string, types: AwsProviderSchema): string {
  const suffix = SUFFIX.exec(arg)?.[1] ?? "";
  if (suffix.startsWith("arn")) return "arn";
  if (suffix.startsWith("name")) return types.resource(target)?.attributes.has("name") ? "name" : "id";
  if (suffix === "url") return target === "aws_sqs_queue" ? "url" : "id";
  // An IAM role named by a non-IAM resource is wanted as an ARN (Lambda, CodeBuild, Step Functions, ...).
  // IAM's own resources (instance profiles, attachments, inline policies) take the role's name.
  if (target === "aws_iam_role" && /roles?$/.test(arg)) return type.startsWith("aws_iam_") ? "name" : "arn";
  if (target === "aws_sqs_queue" && arg === "event_source") return "arn";
  if (target === "aws_sns_topic") return "arn";
  return "id";
}

/** Block names that hold a plain name (`parameter { name, values }`), never a pointer to a resource. */
const PLAIN_BLOCKS = new Set(["parameter", "tag", "setting", "attribute", "variable"]);

const cache = new Map<string, Relation | null>();

/**
 * The resource an argument of `type` refers to: `zone_id` of aws_route53_record → aws_route53_zone.zone_id,
 * `application` of aws_elastic_beanstalk_environment → aws_elastic_beanstalk_application, `vpc_id` →
 * aws_vpc. Derived from the type names in the schema; a short table covers the stems they do not spell out.
 */
export function relationOf(
  type: string,
  arg: string,
  spec: AttributeSchema,
  types: AwsProviderSchema,
  block?: string,
): Relation | null {
  // A bare `name`/`arn`/`id` inside a block names what the block is (`lex_bot { name }` → aws_lex_bot).
  const bare = /^(?:name|arn|id)$/.test(arg);
  const pointer = bare && block !== undefined && !PLAIN_BLOCKS.has(singularBlock(block));
  const key = `${type}.${block ?? ""}.${arg}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const list = spec.type.startsWith("list") || spec.type.startsWith("set");
  if (!/^(?:string|list\(string\)|set\(string\))$/.test(spec.type) || (bare && !pointer)) {
    cache.set(key, null);
    return null;
  }
  const suffixed = pointer || SUFFIX.test(arg);
  // `endpoint_config_name` → aws_sagemaker_endpoint_configuration: "config" is how arguments shorten it.
  const named = pointer ? `${singularBlock(block ?? "")}_${arg}` : arg;
  const stem = named.replace(SUFFIX, "").replace(/s$/, "");
  if (!suffixed && NOT_REFERENCES.has(stem)) {
    cache.set(key, null);
    return null;
  }
  const words = type.slice(4).split("_");
  const candidates: string[] = [];
  for (let k = words.length - 1; k >= 1; k--) candidates.push(`aws_${words.slice(0, k).join("_")}_${stem}`);
  if (Object.hasOwn(STEMS, stem)) candidates.push(STEMS[stem] ?? "");
  if (suffixed) candidates.push(`aws_${stem}`);
  if (stem.endsWith("_role")) candidates.push("aws_iam_role");
  // `dhcp_options_id` → aws_vpc_dhcp_options: a type whose own name ends in "s".
  const whole = named.replace(SUFFIX, "");
  if (whole !== stem)
    for (let k = words.length - 1; k >= 1; k--)
      candidates.push(`aws_${words.slice(0, k).join("_")}_${whole}`);
  // Inside a block named after a service (`opensearch_configuration { domain_arn }`), that service's type;
  // last, so that the resource's own service and the stem table come first.
  const within = pointer || block === undefined ? [] : block.split("_");
  for (let k = within.length; k >= 1; k--) candidates.push(`aws_${within.slice(0, k).join("_")}_${stem}`);
  if (stem.endsWith("_config"))
    candidates.push(...candidates.filter((c) => c.endsWith("_config")).map((c) => `${c}uration`));
  const target = candidates.find((c) => c !== type && types.resource(c) !== undefined);
  const relation =
    target === undefined ? null : { arg, target, attribute: attributeFor(type, named, target, types), list };
  cache.set(key, relation);
  return relation;
}
