// Arguments the AWS provider removed or replaced in a major version: an "Unsupported argument" on one of
// these is an upgrade, not a typo. Keys are `resource_type.argument`; only well-documented removals.
export interface Removal {
  major: number;
  /** What replaces it, in words a reader can act on. */
  instead: string;
}

const AWS: Record<string, Removal> = {
  "aws_alb_listener_rule.field": {
    major: 3,
    instead:
      "a typed condition block such as `path_pattern { values = [...] }` or `host_header { values = [...] }`",
  },
  "aws_alb_listener_rule.values": {
    major: 3,
    instead: "the `values` of a typed condition block (`path_pattern`, `host_header`, …)",
  },
  "aws_lb_listener_rule.field": {
    major: 3,
    instead:
      "a typed condition block such as `path_pattern { values = [...] }` or `host_header { values = [...] }`",
  },
  "aws_lb_listener_rule.values": {
    major: 3,
    instead: "the `values` of a typed condition block (`path_pattern`, `host_header`, …)",
  },
  "aws_db_instance.name": { major: 5, instead: "`db_name`" },
  "aws_elasticache_replication_group.number_cache_clusters": { major: 5, instead: "`num_cache_clusters`" },
  "aws_elasticache_replication_group.replication_group_description": { major: 5, instead: "`description`" },
  "aws_elasticache_replication_group.cluster_mode": {
    major: 5,
    instead: "`num_node_groups` and `replicas_per_node_group`",
  },
  "aws_elasticache_replication_group.availability_zones": {
    major: 5,
    instead: "`preferred_cache_cluster_azs`",
  },
  "aws_eip.vpc": { major: 6, instead: '`domain = "vpc"`' },
  "aws_instance.cpu_core_count": { major: 6, instead: "a `cpu_options { core_count = … }` block" },
  "aws_instance.cpu_threads_per_core": {
    major: 6,
    instead: "a `cpu_options { threads_per_core = … }` block",
  },
  "aws_launch_template.elastic_gpu_specifications": {
    major: 6,
    instead: "nothing: Elastic GPUs were retired",
  },
  "aws_redshift_cluster.snapshot_copy": { major: 6, instead: "the `aws_redshift_snapshot_copy` resource" },
  "aws_api_gateway_deployment.stage_name": { major: 6, instead: "an `aws_api_gateway_stage` resource" },
};

export function removedArgument(resourceType: string | undefined, argument: string): Removal | undefined {
  return resourceType ? AWS[`${resourceType}.${argument}`] : undefined;
}
