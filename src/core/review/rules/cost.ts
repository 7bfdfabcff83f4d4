import { COST_MODELS } from "../../cost/models/index.js";
import { blocks, isExpression, shown, stringList } from "../values.js";
import type { Hit, TableRule } from "./types.js";

/** Where each billed-by-size resource type names its size. */
const SIZE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_instance: ["instance_type"],
  aws_launch_template: ["instance_type"],
  aws_db_instance: ["instance_class"],
  aws_rds_cluster_instance: ["instance_class"],
  aws_docdb_cluster_instance: ["instance_class"],
  aws_neptune_cluster_instance: ["instance_class"],
  aws_elasticache_cluster: ["node_type"],
  aws_elasticache_replication_group: ["node_type"],
  aws_redshift_cluster: ["node_type"],
  aws_eks_node_group: ["instance_types"],
  aws_opensearch_domain: ["cluster_config", "instance_type"],
  aws_msk_cluster: ["broker_node_group_info", "instance_type"],
};

function valueAt(body: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = body;
  for (const part of path) {
    const record = Array.isArray(current)
      ? blocks(current)[0]
      : (current as Record<string, unknown> | undefined);
    current = record?.[part];
  }
  return current;
}

const priced = (type: string) =>
  COST_MODELS[type] ? " The plan comment prices it when cost estimates are on." : "";

export const instanceSize: TableRule = {
  id: "cost/instance-size",
  source: "cost",
  level: "note",
  title: "Billed by instance size",
  help: "The instance class or node type sets the hourly price; check it against the workload (and Multi-AZ, which doubles database instances).",
  check(s) {
    const path = SIZE_ATTRIBUTES[s.type];
    if (!path) return [];
    const value = valueAt(s.body, path);
    const sizes = stringList(value).filter((v) => !isExpression(v));
    if (sizes.length === 0) return [];
    const multiAz = s.body.multi_az === true ? ", Multi-AZ (two instances billed)" : "";
    return [
      {
        message: `${s.address} runs on ${sizes.map((v) => `\`${v}\``).join(", ")}${multiAz}.${priced(s.type)}`,
        path,
      },
    ];
  },
};

export const natGateway: TableRule = {
  id: "cost/nat-gateway",
  source: "cost",
  level: "note",
  title: "NAT gateway",
  help: "A NAT gateway is billed per hour plus per GB it processes, one per Availability Zone when declared per subnet. VPC endpoints for S3 and DynamoDB (gateway endpoints are free) cut the traffic through it.",
  check(s) {
    if (s.type !== "aws_nat_gateway") return [];
    const count = s.body.count ?? s.body.for_each;
    const many =
      count === undefined
        ? ""
        : ` (one per ${isExpression(count) ? "count/for_each item" : `count = ${shown(count)}`})`;
    return [
      {
        message: `${s.address} adds a NAT gateway${many}: hourly charge plus data processing.${priced(s.type)}`,
      },
    ];
  },
};

export const provisionedCapacity: TableRule = {
  id: "cost/provisioned-capacity",
  source: "cost",
  level: "note",
  title: "Provisioned capacity",
  help: "Provisioned capacity is billed whether it is used or not; on-demand or auto scaling fits spiky or small workloads better.",
  check(s) {
    const hits: Hit[] = [];
    if (
      s.type === "aws_dynamodb_table" &&
      s.body.billing_mode !== "PAY_PER_REQUEST" &&
      !isExpression(s.body.billing_mode)
    ) {
      const rcu = s.body.read_capacity;
      const wcu = s.body.write_capacity;
      hits.push({
        message: `${s.address} uses provisioned capacity (read ${shown(rcu)}, write ${shown(wcu)} units)`,
        path: [s.body.billing_mode === undefined ? "read_capacity" : "billing_mode"],
      });
    }
    if (s.type === "aws_kinesis_stream" && s.body.shard_count !== undefined)
      hits.push({
        message: `${s.address} provisions ${shown(s.body.shard_count)} shard(s), billed per shard-hour`,
        path: ["shard_count"],
      });
    if (s.type === "aws_lambda_provisioned_concurrency_config")
      hits.push({
        message: `${s.address} keeps ${shown(s.body.provisioned_concurrent_executions)} execution environment(s) warm, billed while configured`,
        path: ["provisioned_concurrent_executions"],
      });
    if (
      (s.type === "aws_db_instance" || s.type === "aws_ebs_volume") &&
      s.body.iops !== undefined &&
      /^io[12]$/.test(shown(s.body.storage_type ?? s.body.type ?? ""))
    )
      hits.push({
        message: `${s.address} provisions ${shown(s.body.iops)} IOPS (${shown(s.body.storage_type ?? s.body.type)})`,
        path: ["iops"],
      });
    return hits;
  },
};

export const COST_RULES: readonly TableRule[] = [instanceSize, natGateway, provisionedCapacity];
