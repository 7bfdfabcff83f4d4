import { type Item, type Value, raw, str, num, bool } from "../recipes/hcl/writer.js";
import type { AttributeSchema } from "../terraform/schema/index.js";
import { practiceValue, requiredInPractice } from "./practice.js";

/** What filling an argument needs from the plan being built. */
export interface ValueEnv {
  type: string;
  name: string;
  /** `${local.name_prefix}`-style prefix for names, when the repo has one. */
  prefix: string | undefined;
  /** A reference to a resource of `type` in the plan or the repo (`aws_vpc.main`), or undefined. */
  find(type: string): string | undefined;
  /** Declares a data source the value reads and returns its reference. */
  data(type: string, name: string, body: Item[]): string;
  /** The engine the request asked for (postgres, mysql...), if any. */
  engine: string | undefined;
  /** The request's words (singular), for values it implies ("memcached"). */
  words: ReadonlySet<string>;
  /** The request as written, for what its word folding hides ("network load balancer" is read as "lb"). */
  request: string;
  /** Index of this resource among those of its type in the plan (the second subnet gets the second AZ). */
  ordinal: number;
}

/** Names that must be unique in the account or region: built from the repo's prefix, never a bare word. */
const NAME_ARGS = new Set([
  "name",
  "bucket",
  "identifier",
  "cluster_identifier",
  "function_name",
  "cluster_name",
  "table_name",
  "queue_name",
  "topic_name",
  "repository_name",
  "role_name",
  "policy_name",
  "application_name",
  "project_name",
  "vault_name",
  "bot_name",
  "db_name",
  "stream_name",
  "domain_name",
  "broker_name",
  "replication_group_id",
  "cluster_id",
  "user_id",
  "user_name",
  "group_name",
  "key_name",
  "alarm_name",
  "rule_name",
  "state_machine_name",
  "trail_name",
  "workgroup_name",
  "ledger_name",
  "database_name",
]);

/** Arguments that hold a DNS name somebody must own: always a variable unless the request gives one. */
const DOMAIN_ARGS =
  /^(?:domain_name|domain|fqdn)$|^aws_route53_(?:zone|record)\.name$|^aws_acm_certificate\.domain_name$/;

/** Names of a database inside an engine: no hyphens, so never the repo's dashed prefix. */
const DATABASE_ARGS = new Set(["db_name", "database_name"]);

const dashed = (text: string): string => text.replace(/_/g, "-");

export function isNameArg(type: string, arg: string): boolean {
  // An instance's key_name names a key pair somebody holds, not the instance: never invented. Likewise a
  // suffixed name whose stem is not this type's (`replication_group_id` of a cache cluster, `function_name`
  // of a permission) names another resource.
  if (arg === "key_name" && type !== "aws_key_pair") return false;
  const stem = /^(.+)_(?:id|name|identifier)$/.exec(arg)?.[1];
  if (stem !== undefined && stem !== "db" && !type.includes(stem)) return false;
  return NAME_ARGS.has(arg) && !DOMAIN_ARGS.test(arg) && !DOMAIN_ARGS.test(`${type}.${arg}`);
}

export function isDomainArg(type: string, arg: string): boolean {
  return DOMAIN_ARGS.test(arg) || DOMAIN_ARGS.test(`${type}.${arg}`);
}

/** `"${local.name_prefix}-orders"` or `"orders"` when the repo has no prefix. */
export function nameValue(env: Pick<ValueEnv, "prefix">, name: string, suffix = ""): Value {
  const base = `${dashed(name)}${suffix}`;
  return env.prefix === undefined ? str(base) : raw(`"${env.prefix}-${base}"`);
}

const ENGINE_PORT: Record<string, number> = { postgres: 5432, mysql: 3306, mariadb: 3306 };
export const enginePort = (engine: string | undefined): number => ENGINE_PORT[engine ?? "postgres"] ?? 5432;

/** Values by argument path that are right for nearly everyone (TLS only, no geo block, GET/HEAD). */
const PATH_VALUES: Record<string, (env: ValueEnv) => Value | undefined> = {
  "*.default_cache_behavior.allowed_methods": () => ({ k: "list", items: [str("GET"), str("HEAD")] }),
  "*.default_cache_behavior.cached_methods": () => ({ k: "list", items: [str("GET"), str("HEAD")] }),
  "*.default_cache_behavior.viewer_protocol_policy": () => str("redirect-to-https"),
  "*.default_cache_behavior.target_origin_id": () => str("primary"),
  "*.default_cache_behavior.cache_policy_id": () => str("658327ea-f89d-4fab-a63d-7e88639e58f6"),
  "*.origin.origin_id": () => str("primary"),
  "*.origin.domain_name": (env) => {
    const bucket = env.find("aws_s3_bucket");
    return bucket === undefined ? undefined : raw(`${bucket}.bucket_regional_domain_name`);
  },
  "*.restrictions.geo_restriction.restriction_type": () => str("none"),
  "*.viewer_certificate.cloudfront_default_certificate": () => bool(true),
  "aws_s3_bucket_lifecycle_configuration.rule.id": () => str("expire-old-objects"),
  "aws_s3_bucket_lifecycle_configuration.rule.status": () => str("Enabled"),
  "aws_flow_log.log_destination": (env) => {
    const bucket = env.find("aws_s3_bucket");
    return bucket === undefined ? undefined : raw(`${bucket}.arn`);
  },
  "aws_flow_log.log_destination_type": (env) =>
    env.find("aws_s3_bucket") === undefined ? undefined : str("s3"),
  "aws_flow_log.traffic_type": () => str("ALL"),
  "aws_route53_record.ttl": () => num(300),
  "aws_lambda_function.package_type": () => str("Zip"),
};

/** Optional arguments that the resource cannot work without in practice (RDS needs an engine). */
const TYPED_OPTIONAL = new Set([
  "aws_db_instance.engine",
  "aws_db_instance.allocated_storage",
  "aws_rds_cluster.engine",
  "aws_lambda_function.runtime",
  "aws_lambda_function.handler",
  "aws_vpc.cidr_block",
  "aws_subnet.cidr_block",
  "aws_instance.instance_type",
]);

const AL2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/**
 * A safe value for a required argument that the request does not give, or undefined when there is none
 * (the caller then declares a variable). Only values that are right for most users and cheap to change.
 */
export function knownValue(
  arg: string,
  spec: AttributeSchema,
  env: ValueEnv,
  path = arg,
  required = true,
): Value | undefined {
  const { type } = env;
  // A database inside an engine (RDS, Redshift, Glue, Athena) takes letters, digits and underscores only.
  if (DATABASE_ARGS.has(arg) && spec.type === "string") return str(env.name.replace(/[^a-z0-9_]/g, "_"));
  if (isNameArg(type, arg) && spec.type === "string") return nameValue(env, env.name);
  const byPath = PATH_VALUES[`${type}.${path}`] ?? PATH_VALUES[`*.${path}`];
  if (byPath !== undefined) return byPath(env);
  const practice = requiredInPractice(type, path) ? practiceValue(type, path, env) : undefined;
  if (practice !== undefined) return practice;
  if (!required && arg !== "ami" && !TYPED_OPTIONAL.has(`${type}.${arg}`) && !requiredInPractice(type, path))
    return undefined;
  switch (`${type}.${arg}`) {
    case "aws_db_instance.engine":
      return str(env.engine ?? "postgres");
    case "aws_rds_cluster.engine":
      return str(env.engine === "mysql" ? "aurora-mysql" : "aurora-postgresql");
    case "aws_db_instance.instance_class":
    case "aws_rds_cluster_instance.instance_class":
      return str(type === "aws_db_instance" ? "db.t4g.micro" : "db.t4g.medium");
    case "aws_db_instance.allocated_storage":
      return num(20);
    case "aws_vpc.cidr_block":
      return str("10.0.0.0/16");
    case "aws_subnet.cidr_block": {
      const vpc = env.find("aws_vpc");
      return vpc === undefined ? undefined : raw(`cidrsubnet(${vpc}.cidr_block, 8, ${env.ordinal})`);
    }
    case "aws_db_parameter_group.family":
      return str(
        env.engine === "mysql" ? "mysql8.0" : env.engine === "mariadb" ? "mariadb10.11" : "postgres16",
      );
    case "aws_ecs_task_definition.family":
      return nameValue(env, env.name);
    case "aws_lambda_function.runtime":
      return str("python3.12");
    case "aws_lambda_function.handler":
      return str("handler.handler");
    case "aws_instance.instance_type":
    case "aws_launch_template.instance_type":
      return str("t3.micro");
    case "aws_elasticache_cluster.node_type":
    case "aws_elasticache_replication_group.node_type":
      return str("cache.t4g.micro");
    case "aws_cloudwatch_log_group.retention_in_days":
      return num(365);
    case "aws_kms_key.deletion_window_in_days":
      return num(30);
    case "aws_lambda_permission.action":
      return str("lambda:InvokeFunction");
    case "aws_iam_role_policy_attachment.policy_arn":
      return undefined;
    case "aws_route53_record.ttl":
      return num(300);
    case "aws_eip.domain":
      return str("vpc");
  }
  if (arg === "availability_zone" && spec.type === "string") {
    const zones = env.data("aws_availability_zones", "available", [
      { k: "attr", name: "state", value: str("available") },
    ]);
    return raw(`${zones}.names[${env.ordinal % 2}]`);
  }
  if (arg === "ami" && spec.type === "string") {
    const ami = env.data("aws_ssm_parameter", "al2023", [{ k: "attr", name: "name", value: str(AL2023) }]);
    return raw(`${ami}.value`);
  }
  if (spec.type === "bool" && /(?:encrypt|enabled$)/.test(arg)) return bool(true);
  return undefined;
}
