import { raw, str, strs, bool, obj, list, type Item, type Value } from "../recipes/hcl/writer.js";
import { categoryOf } from "./defaults.js";
import { refOf, setOnce, type Node } from "./node.js";
import { enginePort } from "./values.js";
import { MANAGED } from "./iam.js";
import { addNeeds } from "./closure.js";
import { watchMetric } from "./alarms.js";
import { policyJson } from "./policy.js";

/** What a companion step may do to the plan being built. */
export interface CompanionEnv {
  nodes: Node[];
  /** Adds a resource (or returns the one of that type serving the same resource) and returns it. */
  add(type: string, why: string, serves?: Node): Node;
  /** A resource of `type` already in the plan, or in the repo (as a reference), if any. */
  find(type: string): string | undefined;
  has(type: string): boolean;
  /** The provider has this resource type. */
  exists(type: string): boolean;
  /** The top-level argument names of a resource type. */
  argumentsOf(type: string): readonly string[];
  words: ReadonlySet<string>;
  engine: string | undefined;
  kmsKey: string | undefined;
  request: string;
  /** Declares a data source the plan reads and returns its reference. */
  data(type: string, name: string, body: Item[]): string;
  /** Declares a variable for a value only the user can give, and returns its reference. */
  variable(node: Node, path: string, type: string, description: string): string;
}

const SERVICE_PRINCIPAL: [RegExp, string][] = [
  [/^aws_lambda_/, "lambda.amazonaws.com"],
  [/^aws_codebuild_/, "codebuild.amazonaws.com"],
  // An application's service role is Elastic Beanstalk's own; an environment's instances run as EC2.
  [/^aws_elastic_beanstalk_application(?:_version)?$/, "elasticbeanstalk.amazonaws.com"],
  [/^aws_(?:instance|iam_instance_profile|launch_template|elastic_beanstalk_)/, "ec2.amazonaws.com"],
  [/^aws_eks_cluster$/, "eks.amazonaws.com"],
  [/^aws_eks_node_group$/, "ec2.amazonaws.com"],
  [/^aws_redshift_/, "redshift.amazonaws.com"],
  [/^aws_backup_/, "backup.amazonaws.com"],
  [/^aws_kinesis_firehose_/, "firehose.amazonaws.com"],
  [/^aws_sfn_/, "states.amazonaws.com"],
  [/^aws_cloudwatch_event_/, "events.amazonaws.com"],
  [/^aws_scheduler_/, "scheduler.amazonaws.com"],
  [/^aws_glue_/, "glue.amazonaws.com"],
  [/^aws_sagemaker_/, "sagemaker.amazonaws.com"],
  [/^aws_ecs_/, "ecs-tasks.amazonaws.com"],
  [/^aws_codepipeline/, "codepipeline.amazonaws.com"],
  [/^aws_flow_log$/, "vpc-flow-logs.amazonaws.com"],
  [/^aws_appsync_/, "appsync.amazonaws.com"],
  [/^aws_api_gateway/, "apigateway.amazonaws.com"],
  [/^aws_lex/, "lexv2.amazonaws.com"],
  [/^aws_dms_/, "dms.amazonaws.com"],
  [/^aws_datasync_/, "datasync.amazonaws.com"],
  [/^aws_batch_/, "batch.amazonaws.com"],
];

export const principalFor = (type: string): string | undefined =>
  SERVICE_PRINCIPAL.find(([p]) => p.test(type))?.[1];

export function trustPolicy(principal: string): Value {
  return policyJson(
    obj({
      Effect: str("Allow"),
      Action: str("sts:AssumeRole"),
      Principal: obj({ Service: str(principal) }),
    }),
  );
}

/** Resources a resource needs to be useful and safe, added when the plan does not already have them. */
export function addCompanions(env: CompanionEnv, only?: readonly Node[]): void {
  for (const node of only ?? [...env.nodes]) {
    addNeeds(env, node);
    if (node.type === "aws_cloudwatch_metric_alarm") watchMetric(env, node);
    const ref = refOf(node);
    if (node.type === "aws_s3_bucket") {
      const block = env.add("aws_s3_bucket_public_access_block", "no public access to the bucket", node);
      setOnce(block, "bucket", raw(`${ref}.id`));
      for (const a of [
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
      ])
        setOnce(block, a, bool(true), "public access blocked");
      const sse = env.add(
        "aws_s3_bucket_server_side_encryption_configuration",
        "encryption at rest for the bucket",
        node,
      );
      setOnce(sse, "bucket", raw(`${ref}.id`));
      setOnce(
        sse,
        "rule.apply_server_side_encryption_by_default.sse_algorithm",
        str("aws:kms"),
        "encrypted with KMS",
      );
      if (env.kmsKey !== undefined)
        setOnce(
          sse,
          "rule.apply_server_side_encryption_by_default.kms_master_key_id",
          raw(`${env.kmsKey}.arn`),
          "with the repository's KMS key",
        );
      setOnce(sse, "rule.bucket_key_enabled", bool(true));
    }
    if (node.type === "aws_cloudfront_distribution") {
      const bucket = env.find("aws_s3_bucket");
      if (bucket !== undefined) {
        // The bucket stays private: only this distribution may read it (origin access control).
        const oac = env.add(
          "aws_cloudfront_origin_access_control",
          "CloudFront reads the private bucket",
          node,
        );
        setOnce(oac, "name", raw(`${bucket}.bucket`));
        setOnce(oac, "origin_access_control_origin_type", str("s3"));
        setOnce(oac, "signing_behavior", str("always"));
        setOnce(oac, "signing_protocol", str("sigv4"));
        setOnce(
          node,
          "origin.origin_access_control_id",
          raw(`${refOf(oac)}.id`),
          "the bucket stays private (origin access control)",
        );
        setOnce(node, "default_root_object", str("index.html"));
        const policy = env.add("aws_s3_bucket_policy", "only this distribution may read the bucket", node);
        setOnce(policy, "bucket", raw(`${bucket}.id`));
        setOnce(
          policy,
          "policy",
          policyJson(
            obj({
              Sid: str("CloudFrontReadOnly"),
              Effect: str("Allow"),
              Principal: obj({ Service: str("cloudfront.amazonaws.com") }),
              Action: str("s3:GetObject"),
              Resource: raw(`"\${${bucket}.arn}/*"`),
              Condition: obj({ StringEquals: obj({ "AWS:SourceArn": raw(`${ref}.arn`) }) }),
            }),
          ),
          "read access for this distribution only",
        );
      }
    }
    if (node.type === "aws_s3_bucket_lifecycle_configuration") {
      setOnce(node, "rule.id", str("expire-old-objects"));
      setOnce(node, "rule.status", str("Enabled"));
      setOnce(node, "rule.filter.prefix", str(""));
      const days = /\b(\d+)[\s-]*days?\b/i.exec(env.request)?.[1];
      setOnce(
        node,
        "rule.expiration.days",
        days === undefined
          ? raw(
              env.variable(
                node,
                "rule.expiration.days",
                "number",
                "Days after which objects expire (the request did not say).",
              ),
            )
          : { k: "num", v: Number(days) },
        days === undefined ? undefined : `objects expire after ${days} days`,
      );
      setOnce(node, "rule.abort_incomplete_multipart_upload.days_after_initiation", { k: "num", v: 7 });
    }
    if (node.type === "aws_lambda_function") {
      const logs = env.add("aws_cloudwatch_log_group", "the function's logs, with retention", node);
      setOnce(logs, "name", raw(`"/aws/lambda/\${${ref}.function_name}"`));
    }
    if (node.type === "aws_iam_role" && node.serves === undefined && node.origin === "requested") {
      // A role asked for beside a service ("an EKS cluster with an IAM role") is that service's role.
      const served = env.nodes.find((n) => n.type !== node.type && principalFor(n.type) !== undefined);
      if (served !== undefined) node.serves = served.type;
    }
    if (node.type === "aws_iam_role" && node.serves !== undefined) {
      const managed = MANAGED.find(([p]) => p.test(node.serves ?? ""))?.[1];
      const attached = env.nodes.some(
        (n) =>
          n.type === "aws_iam_role_policy_attachment" &&
          JSON.stringify(n.set.get("policy_arn") ?? null) === JSON.stringify(str(managed ?? "")),
      );
      if (managed !== undefined && !attached) {
        const attachment = env.add(
          "aws_iam_role_policy_attachment",
          `the baseline permissions of ${node.serves}`,
          node,
        );
        setOnce(attachment, "role", raw(`${ref}.name`));
        setOnce(attachment, "policy_arn", str(managed), "AWS managed baseline policy only (least privilege)");
      }
    }
    if (node.type === "aws_cloudwatch_event_rule") {
      const fn = env.find("aws_lambda_function");
      if (fn !== undefined) {
        const target = env.add("aws_cloudwatch_event_target", "the rule invokes the function", node);
        setOnce(target, "rule", raw(`${ref}.name`));
        setOnce(target, "arn", raw(`${fn}.arn`));
        const permission = env.add("aws_lambda_permission", "EventBridge may invoke the function", node);
        setOnce(permission, "function_name", raw(`${fn}.function_name`));
        setOnce(permission, "principal", str("events.amazonaws.com"));
        setOnce(permission, "source_arn", raw(`${ref}.arn`), "only this rule may invoke it");
      }
    }
    if (node.type === "aws_lb") {
      const group = env.add("aws_lb_target_group", "where the load balancer sends traffic", node);
      const listener = env.add("aws_lb_listener", "the load balancer's listener", node);
      setOnce(listener, "load_balancer_arn", raw(`${ref}.arn`));
      setOnce(listener, "default_action.type", str("forward"));
      setOnce(listener, "default_action.target_group_arn", raw(`${refOf(group)}.arn`));
    }
    if (node.type === "aws_lb_target_group") {
      // Every instance the request asks for sits behind it ("in front of two instances"), else the repo's.
      const asked = env.nodes.filter((n) => n.type === "aws_instance" && n.origin === "requested").map(refOf);
      const found = env.find("aws_instance");
      const instances = asked.length > 0 ? asked : found !== undefined ? [found] : [];
      for (const [k, instance] of instances.entries()) {
        const attach = env.add(
          "aws_lb_target_group_attachment",
          k === 0 ? "the instance behind the load balancer" : `${instance} behind the load balancer`,
          node,
        );
        setOnce(attach, "target_group_arn", raw(`${ref}.arn`));
        setOnce(attach, "target_id", raw(`${instance}.id`));
      }
    }
    if (node.type === "aws_backup_plan") {
      const selection = env.add("aws_backup_selection", "what the plan backs up", node);
      setOnce(selection, "plan_id", raw(`${ref}.id`));
      const targets = ["aws_instance", "aws_db_instance", "aws_dynamodb_table", "aws_efs_file_system"]
        .map((t) => env.find(t))
        .filter((r): r is string => r !== undefined);
      if (targets.length > 0) setOnce(selection, "resources", list(...targets.map((t) => raw(`${t}.arn`))));
    }
    // Whatever is placed in subnets through a subnet group (RDS, ElastiCache, Neptune, DocumentDB, Redshift…)
    // takes the plan's subnets through its service's group.
    if (env.has("aws_subnet") && env.argumentsOf(node.type).some((a) => /subnet_group_name$/.test(a))) {
      const group =
        node.type === "aws_db_instance" || node.type === "aws_rds_cluster"
          ? "aws_db_subnet_group"
          : `aws_${node.type.split("_")[1] ?? ""}_subnet_group`;
      if (env.exists(group)) env.add(group, "the subnets it is placed in", node);
    }
    if (categoryOf(node.type) === "datastore" && (env.has("aws_subnet") || env.has("aws_vpc"))) {
      const vpc = env.find("aws_vpc");

      if (
        vpc !== undefined &&
        [
          "aws_db_instance",
          "aws_rds_cluster",
          "aws_redshift_cluster",
          "aws_elasticache_replication_group",
        ].includes(node.type)
      ) {
        const group = env.add("aws_security_group", "who may connect to the database", node);
        setOnce(group, "vpc_id", raw(`${vpc}.id`));
        setOnce(group, "description", str(`Access to ${node.name}`));
        // Rules the request states replace the inside-the-VPC default.
        if (env.nodes.some((n) => n.type === "aws_vpc_security_group_ingress_rule")) continue;
        const port = enginePort(env.engine);
        const ingress = env.add(
          "aws_vpc_security_group_ingress_rule",
          "connections from inside the VPC only",
          group,
        );
        setOnce(ingress, "security_group_id", raw(`${refOf(group)}.id`));
        setOnce(ingress, "cidr_ipv4", raw(`${vpc}.cidr_block`), "reachable from inside the VPC only");
        setOnce(ingress, "from_port", { k: "num", v: port });
        setOnce(ingress, "to_port", { k: "num", v: port });
        setOnce(ingress, "ip_protocol", str("tcp"));
        const egress = env.add("aws_vpc_security_group_egress_rule", "replies stay inside the VPC", group);
        setOnce(egress, "security_group_id", raw(`${refOf(group)}.id`));
        setOnce(egress, "cidr_ipv4", raw(`${vpc}.cidr_block`));
        setOnce(egress, "ip_protocol", str("-1"));
      }
    }
    if (
      node.type === "aws_vpc" &&
      env.words.has("public") &&
      (env.has("aws_subnet") || env.words.has("internet"))
    ) {
      const igw = env.add("aws_internet_gateway", "public subnets reach the internet through it", node);
      setOnce(igw, "vpc_id", raw(`${ref}.id`));
      const table = env.add("aws_route_table", "routes public traffic to the internet gateway", node);
      setOnce(table, "vpc_id", raw(`${ref}.id`));
      setOnce(table, "route.cidr_block", str("0.0.0.0/0"));
      setOnce(table, "route.gateway_id", raw(`${refOf(igw)}.id`));
    }
  }
}

export const LIST_OF = (refs: string[], attribute: string): Value =>
  list(...refs.map((r) => raw(`${r}.${attribute}`)));
export { strs };
