import { call, list, num, obj, raw, str, strs } from "../recipes/hcl/writer.js";
import type { CompanionEnv } from "./companions.js";
import { refOf, setOnce, type Node } from "./node.js";

/**
 * Resources a service cannot run without although its schema does not require them: a load balancer's
 * own security group (instead of the VPC's default group, which allows everything inside it), an Elastic
 * Beanstalk environment's instance profile. Called once per node, like the companions.
 */
export function addNeeds(env: CompanionEnv, node: Node): void {
  if (node.type === "aws_lb") loadBalancerGroup(env, node);
  if (node.type === "aws_elastic_beanstalk_environment") beanstalkProfile(env, node);
  if (node.type === "aws_sns_topic") topicKey(env, node);
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
 * An SNS topic is encrypted: with the repo's key (the category table), with a key of its own whose policy
 * lets the publishing services use it when alarms, S3 or EventBridge publish to it, else with SNS's
 * AWS managed key.
 */
function topicKey(env: CompanionEnv, topic: Node): void {
  if (env.kmsKey !== undefined || topic.set.has("kms_master_key_id")) return;
  const services = [
    ...new Set(
      env.nodes.flatMap((n) => PUBLISHERS.filter(([p]) => p.test(n.type)).map(([, principal]) => principal)),
    ),
  ];
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
    call(
      "jsonencode",
      obj({
        Version: str("2012-10-17"),
        Statement: list(
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

/**
 * A table has a hash key: the one the request names ("partition key userId"), `LockID` for a Terraform
 * state lock table (what the S3 backend writes), else a variable; on-demand capacity unless told otherwise.
 */
function tableKeys(env: CompanionEnv, table: Node): void {
  const named =
    /\b(?:partition|hash|primary)\s+key\s+(?:named\s+|called\s+|of\s+|is\s+|=\s*)?["'`]?([A-Za-z][\w.-]{0,254})/i.exec(
      env.request,
    )?.[1];
  const lock = /\b(?:state[\s-]+lock(?:ing)?|lock\s+table|terraform\s+lock|locking)\b/i.test(env.request);
  const key =
    named !== undefined && !/^(?:named|called|of|is|and|with)$/i.test(named)
      ? str(named)
      : lock
        ? str("LockID")
        : raw(
            env.variable(table, "hash_key", "string", "Name of the table's partition (hash) key attribute."),
          );
  if (
    !setOnce(
      table,
      "hash_key",
      key,
      lock && named === undefined ? "hash key LockID (Terraform's state lock)" : undefined,
    )
  )
    return;
  setOnce(table, "attribute.name", key);
  setOnce(table, "attribute.type", str("S"));
  setOnce(table, "billing_mode", str("PAY_PER_REQUEST"), "on-demand capacity");
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
