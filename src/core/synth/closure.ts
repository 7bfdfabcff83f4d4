import { num, obj, raw, str, strs } from "../recipes/hcl/writer.js";
import type { CompanionEnv } from "./companions.js";
import { tableKeys } from "./table.js";
import { refOf, setOnce, type Node } from "./node.js";
import { policyJson } from "./policy.js";

/**
 * Resources a service cannot run without although its schema does not require them: a load balancer's
 * own security group (instead of the VPC's default group, which allows everything inside it), an Elastic
 * Beanstalk environment's instance profile. Called once per node, like the companions.
 */
export function addNeeds(env: CompanionEnv, node: Node): void {
  if (node.type === "aws_lb") loadBalancerGroup(env, node);
  if (node.type === "aws_elastic_beanstalk_environment") beanstalkProfile(env, node);
  if (node.type === "aws_dynamodb_table") tableKeys(env, node);
}

/** Services that publish to SNS topics themselves: the AWS managed key `alias/aws/sns` does not let them. */
const PUBLISHERS: [RegExp, string][] = [
  [/^aws_cloudwatch_(?:metric|composite)_alarm$/, "cloudwatch.amazonaws.com"],
  [/^aws_s3_bucket_notification$/, "s3.amazonaws.com"],
  [/^aws_cloudwatch_event_(?:rule|target)$/, "events.amazonaws.com"],
  [/^aws_budgets_budget$/, "budgets.amazonaws.com"],
  [/^aws_codestarnotifications_notification_rule$/, "codestar-notifications.amazonaws.com"],
  [/^aws_(?:db|docdb|neptune)_event_subscription$/, "events.rds.amazonaws.com"],
  [/^aws_redshift_event_subscription$/, "redshift.amazonaws.com"],
  [/^aws_dms_event_subscription$/, "dms.amazonaws.com"],
  [/^aws_glacier_vault$/, "glacier.amazonaws.com"],
];

/**
 * The service principal that publishes when a resource of `type` points at a topic: RDS-family event
 * subscriptions publish as RDS events; otherwise the service a notification or event subscription type
 * belongs to (`aws_redshift_event_subscription` → redshift, a Glacier vault's `notification` → glacier).
 * Types that only read or guard a topic (subscriptions, policies, permissions) publish nothing.
 */
function publisherOf(type: string): string | undefined {
  const known = PUBLISHERS.find(([p]) => p.test(type))?.[1];
  if (known !== undefined) return known;
  if (/^aws_(?:sns_|iam_|kms_|lambda_permission$|sqs_queue_policy$)/.test(type)) return undefined;
  if (/^aws_(?:db|rds|docdb|neptune)_/.test(type)) return "events.rds.amazonaws.com";
  const service = /^aws_([a-z0-9]+)_/.exec(type)?.[1] ?? /^aws_([a-z0-9]+)$/.exec(type)?.[1];
  return service === undefined ? undefined : `${service}.amazonaws.com`;
}

/**
 * Once references are wired, every SNS topic the plan adds is encrypted: with the repo's key (the category
 * table), with a key of its own whose policy lets the services that publish to it use it — the resources
 * that point at the topic (event subscriptions, vault notifications, alarms) and the alarms, S3
 * notifications and EventBridge rules of the plan —, else with SNS's AWS managed key.
 */
export function addTopicKeys(env: CompanionEnv): void {
  for (const topic of env.nodes.filter((n) => n.type === "aws_sns_topic")) topicKey(env, topic);
}

function topicKey(env: CompanionEnv, topic: Node): void {
  if (env.kmsKey !== undefined || topic.set.has("kms_master_key_id")) return;
  const ref = `${refOf(topic)}.`;
  const pointing = env.nodes.filter((n) => n !== topic && JSON.stringify([...n.set.values()]).includes(ref));
  const services = [
    ...new Set([
      ...env.nodes.flatMap((n) =>
        PUBLISHERS.filter(([p]) => p.test(n.type)).map(([, principal]) => principal),
      ),
      ...pointing.flatMap((n) => publisherOf(n.type) ?? []),
    ]),
  ].sort();
  if (services.length === 0) {
    setOnce(topic, "kms_master_key_id", str("alias/aws/sns"), "encrypted at rest (AWS managed key for SNS)");
    return;
  }
  const key = env.add("aws_kms_key", "the topic's key, usable by the services that publish to it", topic);
  const account = env.data("aws_caller_identity", "current", []);
  setOnce(key, "description", str(`Encrypts the ${topic.name} SNS topic`));
  setOnce(
    key,
    "policy",
    policyJson(
      obj({
        Sid: str("AccountAdministers"),
        Effect: str("Allow"),
        Principal: obj({ AWS: raw(`"arn:aws:iam::\${${account}.account_id}:root"`) }),
        Action: str("kms:*"),
        Resource: str("*"),
      }),
      obj({
        Sid: str("PublishersEncrypt"),
        Effect: str("Allow"),
        Principal: obj({ Service: strs(services) }),
        Action: strs(["kms:GenerateDataKey*", "kms:Decrypt"]),
        Resource: str("*"),
      }),
    ),
    `${services.join(", ")} may encrypt messages for the topic`,
  );
  setOnce(
    topic,
    "kms_master_key_id",
    raw(`${refOf(key)}.id`),
    "encrypted with its own key (publishers allowed)",
  );
}

function loadBalancerGroup(env: CompanionEnv, lb: Node): void {
  if (env.nodes.some((n) => n.type === "aws_security_group" && n.serves === lb.type)) return;
  const group = env.add("aws_security_group", "the load balancer's own security group", lb);
  group.serves = lb.type;
  setOnce(group, "description", str(`Traffic to and from ${lb.name}`));
  const vpc = env.find("aws_vpc");
  if (vpc !== undefined) setOnce(group, "vpc_id", raw(`${vpc}.id`));
  setOnce(lb, "security_groups", { k: "list", items: [raw(`${refOf(group)}.id`)] });
  const stated = env.nodes.some(
    (n) => n.type === "aws_vpc_security_group_ingress_rule" && n.origin === "requested",
  );
  if (!stated) {
    const ingress = env.add("aws_vpc_security_group_ingress_rule", "clients reach the listener", group);
    setOnce(ingress, "security_group_id", raw(`${refOf(group)}.id`));
    setOnce(ingress, "ip_protocol", str("tcp"));
    setOnce(ingress, "from_port", num(80));
    setOnce(ingress, "to_port", num(80));
    setOnce(ingress, "cidr_ipv4", str("0.0.0.0/0"), "HTTP to the listener from anywhere");
  }
  const egress = env.add(
    "aws_vpc_security_group_egress_rule",
    "the load balancer reaches its targets",
    group,
  );
  setOnce(egress, "security_group_id", raw(`${refOf(group)}.id`));
  setOnce(egress, "ip_protocol", str("-1"));
  setOnce(
    egress,
    "cidr_ipv4",
    vpc === undefined ? str("0.0.0.0/0") : raw(`${vpc}.cidr_block`),
    vpc === undefined ? undefined : "targets inside the VPC only",
  );
}

function beanstalkProfile(env: CompanionEnv, environment: Node): void {
  const profile = env.add(
    "aws_iam_instance_profile",
    "the environment's instances need a profile",
    environment,
  );
  profile.serves ??= "aws_elastic_beanstalk_environment";
  setOnce(environment, "setting.namespace", str("aws:autoscaling:launchconfiguration"));
  setOnce(environment, "setting.name", str("IamInstanceProfile"));
  setOnce(
    environment,
    "setting.value",
    raw(`${refOf(profile)}.name`),
    "instances run with their own profile",
  );
}
