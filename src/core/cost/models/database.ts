import { HOURS_PER_MONTH, type CostComponent, type ResourcePricing } from "../types.js";
import { type CostModel, type ModelInput, query, unpriced } from "./types.js";

const RDS_ENGINES: Record<string, string> = {
  postgres: "PostgreSQL",
  mysql: "MySQL",
  mariadb: "MariaDB",
  "aurora-postgresql": "Aurora PostgreSQL",
  "aurora-mysql": "Aurora MySQL",
  aurora: "Aurora MySQL",
  "oracle-se2": "Oracle",
  "oracle-ee": "Oracle",
  "sqlserver-ex": "SQL Server",
  "sqlserver-web": "SQL Server",
  "sqlserver-se": "SQL Server",
  "sqlserver-ee": "SQL Server",
};
const SQLSERVER_EDITIONS: Record<string, string> = {
  ex: "Express",
  web: "Web",
  se: "Standard",
  ee: "Enterprise",
};
const RDS_STORAGE: Record<string, string> = {
  gp2: "General Purpose",
  gp3: "General Purpose-GP3",
  io1: "Provisioned IOPS",
  io2: "Provisioned IOPS-IO2",
  standard: "Magnetic",
};

function rdsInstanceQuery(region: string, cls: string, engine: string, multiAz: boolean) {
  const name = RDS_ENGINES[engine];
  if (!name) return undefined;
  const filters: Record<string, string> = {
    instanceType: cls,
    databaseEngine: name,
    deploymentOption: multiAz ? "Multi-AZ" : "Single-AZ",
  };
  const edition = engine.startsWith("sqlserver-")
    ? SQLSERVER_EDITIONS[engine.slice("sqlserver-".length)]
    : undefined;
  if (edition) filters.databaseEdition = edition;
  if (engine.startsWith("oracle-") || engine.startsWith("sqlserver-"))
    filters.licenseModel = "License included";
  return query("AmazonRDS", region, filters);
}

function dbInstance({ values, region }: ModelInput): ResourcePricing {
  const cls = values.str("instance_class");
  const engine = values.str("engine");
  if (!cls || !engine) return unpriced("database instance", "instance_class or engine is not in the plan");
  const multiAz = values.bool("multi_az") === true;
  const instanceQuery = rdsInstanceQuery(region, cls, engine, multiAz);
  if (!instanceQuery) return unpriced(`${cls} ${engine}`, `engine ${engine} is not in the cost model`);
  const components: CostComponent[] = [
    {
      label: `${cls} ${engine}${multiAz ? " Multi-AZ" : ""}`,
      query: instanceQuery,
      unit: "Hrs",
      quantity: HOURS_PER_MONTH,
    },
  ];
  const storage = values.num("allocated_storage");
  const storageType = values.str("storage_type") ?? "gp2";
  const volumeType = RDS_STORAGE[storageType];
  if (storage !== undefined && volumeType) {
    components.push({
      label: `${storage} GB ${storageType} storage`,
      query: query("AmazonRDS", region, {
        productFamily: "Database Storage",
        volumeType,
        deploymentOption: multiAz ? "Multi-AZ" : "Single-AZ",
      }),
      unit: "GB-Mo",
      quantity: storage,
    });
  }
  const notes = storage === undefined ? ["allocated storage not in the plan"] : [];
  return {
    driver: `${cls}, ${engine}, ${multiAz ? "Multi-AZ" : "Single-AZ"}${storage !== undefined ? `, ${storage} GB ${storageType}` : ""}`,
    components,
    notes,
  };
}

function clusterInstance({ values, region }: ModelInput): ResourcePricing {
  const cls = values.str("instance_class");
  const engine = values.str("engine") ?? "aurora-postgresql";
  if (!cls) return unpriced("Aurora instance", "instance_class is not in the plan");
  if (cls === "db.serverless")
    return unpriced("Aurora Serverless v2", "Aurora Serverless v2 is priced by ACU-hours used");
  const q = rdsInstanceQuery(region, cls, engine, false);
  if (!q) return unpriced(`${cls} ${engine}`, `engine ${engine} is not in the cost model`);
  return {
    driver: `${cls}, ${engine}`,
    components: [{ label: `${cls} ${engine}`, query: q, unit: "Hrs", quantity: HOURS_PER_MONTH }],
    notes: ["Aurora storage and I/O depend on usage"],
  };
}

function cacheNodes(region: string, nodeType: string, engine: string, count: number): CostComponent {
  const cacheEngine = engine === "memcached" ? "Memcached" : engine === "valkey" ? "Valkey" : "Redis";
  return {
    label: `${count} × ${nodeType} ${cacheEngine}`,
    query: query("AmazonElastiCache", region, {
      productFamily: "Cache Instance",
      instanceType: nodeType,
      cacheEngine,
    }),
    unit: "Hrs",
    quantity: HOURS_PER_MONTH * count,
  };
}

function cacheCluster({ values, region }: ModelInput): ResourcePricing {
  const nodeType = values.str("node_type");
  if (!nodeType)
    return unpriced("cache cluster", "node_type is not in the plan (a replication group member?)");
  const count = values.num("num_cache_nodes") ?? 1;
  return {
    driver: `${count} × ${nodeType}`,
    components: [cacheNodes(region, nodeType, values.str("engine") ?? "redis", count)],
    notes: [],
  };
}

function replicationGroup({ values, region }: ModelInput): ResourcePricing {
  const nodeType = values.str("node_type");
  if (!nodeType) return unpriced("replication group", "node_type is not in the plan");
  const groups = values.num("num_node_groups");
  const replicas = values.num("replicas_per_node_group");
  const count =
    groups !== undefined && replicas !== undefined
      ? groups * (replicas + 1)
      : (values.num("num_cache_clusters") ?? 1);
  return {
    driver: `${count} × ${nodeType}`,
    components: [cacheNodes(region, nodeType, values.str("engine") ?? "redis", count)],
    notes: [],
  };
}

function searchDomain({ values, region }: ModelInput): ResourcePricing {
  const cluster = values.block("cluster_config");
  const type = cluster.str("instance_type") ?? "m5.large.search";
  const count = cluster.num("instance_count") ?? 1;
  const components: CostComponent[] = [
    {
      label: `${count} × ${type}`,
      query: query("AmazonES", region, {
        productFamily: "Amazon OpenSearch Service Instance",
        instanceType: type,
      }),
      unit: "Hrs",
      quantity: HOURS_PER_MONTH * count,
    },
  ];
  if (cluster.bool("dedicated_master_enabled") === true) {
    const masterType = cluster.str("dedicated_master_type") ?? type;
    const masters = cluster.num("dedicated_master_count") ?? 3;
    components.push({
      label: `${masters} × ${masterType} dedicated master`,
      query: query("AmazonES", region, {
        productFamily: "Amazon OpenSearch Service Instance",
        instanceType: masterType,
      }),
      unit: "Hrs",
      quantity: HOURS_PER_MONTH * masters,
    });
  }
  const ebs = values.block("ebs_options");
  const size = ebs.num("volume_size");
  if (ebs.bool("ebs_enabled") !== false && size !== undefined) {
    const media = (ebs.str("volume_type") ?? "gp3").toUpperCase();
    components.push({
      label: `${count} × ${size} GB ${media}`,
      query: query("AmazonES", region, {
        productFamily: "Amazon OpenSearch Service Volume",
        storageMedia: media,
      }),
      unit: "GB-Mo",
      quantity: size * count,
    });
  }
  return { driver: `${count} × ${type}`, components, notes: [] };
}

function redshift({ values, region }: ModelInput): ResourcePricing {
  const type = values.str("node_type");
  if (!type) return unpriced("Redshift cluster", "node_type is not in the plan");
  const count = values.str("cluster_type") === "single-node" ? 1 : (values.num("number_of_nodes") ?? 1);
  return {
    driver: `${count} × ${type}`,
    components: [
      {
        label: `${count} × ${type}`,
        query: query("AmazonRedshift", region, { productFamily: "Compute Instance", instanceType: type }),
        unit: "Hrs",
        quantity: HOURS_PER_MONTH * count,
      },
    ],
    notes: [],
  };
}

function dynamodb({ values, region }: ModelInput): ResourcePricing {
  if (values.str("billing_mode") === "PAY_PER_REQUEST")
    return { driver: "on-demand capacity", components: [], notes: ["on-demand requests depend on usage"] };
  let read = values.num("read_capacity") ?? 0;
  let write = values.num("write_capacity") ?? 0;
  for (const index of values.list("global_secondary_index")) {
    if (typeof index !== "object" || index === null) continue;
    const gsi = index as Record<string, unknown>;
    read += typeof gsi.read_capacity === "number" ? gsi.read_capacity : 0;
    write += typeof gsi.write_capacity === "number" ? gsi.write_capacity : 0;
  }
  const capacity = (group: string, unit: string, units: number): CostComponent => ({
    label: `${units} ${group === "DDB-ReadUnits" ? "read" : "write"} capacity units`,
    query: query("AmazonDynamoDB", region, { productFamily: "Provisioned IOPS", group }),
    unit,
    quantity: units * HOURS_PER_MONTH,
  });
  return {
    driver: `${read} RCU, ${write} WCU provisioned`,
    components: [
      capacity("DDB-ReadUnits", "ReadCapacityUnit-Hrs", read),
      capacity("DDB-WriteUnits", "WriteCapacityUnit-Hrs", write),
    ],
    notes: ["storage depends on usage"],
  };
}

export const databaseModels: Record<string, CostModel> = {
  aws_db_instance: { fixed: dbInstance },
  aws_rds_cluster_instance: { fixed: clusterInstance },
  aws_elasticache_cluster: { fixed: cacheCluster },
  aws_elasticache_replication_group: { fixed: replicationGroup },
  aws_opensearch_domain: { fixed: searchDomain },
  aws_elasticsearch_domain: { fixed: searchDomain },
  aws_redshift_cluster: { fixed: redshift },
  aws_dynamodb_table: { fixed: dynamodb },
};
