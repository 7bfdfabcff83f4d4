import { HOURS_PER_MONTH, type ResourcePricing } from "../types.js";
import { type CostModel, type ModelInput, query, usageType } from "./types.js";

function hourly(
  label: string,
  service: string,
  region: string,
  filters: Record<string, string>,
  usage?: string,
  count = 1,
): ResourcePricing["components"][number] {
  return {
    label,
    query: query(service, region, filters, usage ? [usageType(usage)] : []),
    unit: "Hrs",
    quantity: HOURS_PER_MONTH * count,
  };
}

function natGateway({ values, region }: ModelInput): ResourcePricing {
  const isPrivate = values.str("connectivity_type") === "private";
  return {
    driver: `${isPrivate ? "private" : "public"} NAT gateway`,
    components: [
      hourly("NAT gateway hours", "AmazonEC2", region, { productFamily: "NAT Gateway" }, "NatGateway-Hours"),
    ],
    notes: [],
  };
}

const LB_FAMILIES: Record<string, string> = {
  application: "Load Balancer-Application",
  network: "Load Balancer-Network",
  gateway: "Load Balancer-Gateway",
};

function loadBalancer({ values, region }: ModelInput): ResourcePricing {
  const kind = values.str("load_balancer_type") ?? "application";
  const family = LB_FAMILIES[kind] ?? "Load Balancer-Application";
  return {
    driver: `${kind} load balancer`,
    components: [
      hourly(`${kind} load balancer hours`, "AWSELB", region, { productFamily: family }, "LoadBalancerUsage"),
    ],
    notes: ["capacity units (LCU) depend on traffic"],
  };
}

function classicLoadBalancer({ region }: ModelInput): ResourcePricing {
  return {
    driver: "classic load balancer",
    components: [
      hourly(
        "classic load balancer hours",
        "AWSELB",
        region,
        { productFamily: "Load Balancer" },
        "LoadBalancerUsage",
      ),
    ],
    notes: [],
  };
}

function vpcEndpoint({ values, region }: ModelInput): ResourcePricing {
  const kind = values.str("vpc_endpoint_type") ?? "Gateway";
  if (kind === "Gateway") return { driver: "gateway endpoint (no hourly charge)", components: [], notes: [] };
  const zones = Math.max(1, values.list("subnet_ids").length);
  return {
    driver: `${kind} endpoint in ${zones} AZ${zones === 1 ? "" : "s"}`,
    components: [
      hourly(
        `${zones} endpoint ENI${zones === 1 ? "" : "s"}`,
        "AmazonVPC",
        region,
        { productFamily: "VpcEndpoint" },
        "VpcEndpoint-Hours",
        zones,
      ),
    ],
    notes: [],
  };
}

function eks({ region }: ModelInput): ResourcePricing {
  return {
    driver: "EKS control plane (standard support)",
    components: [hourly("cluster hours", "AmazonEKS", region, {}, "AmazonEKS-Hours:perCluster")],
    notes: [],
  };
}

function monthly(
  label: string,
  service: string,
  region: string,
  usage: string,
  unit: string,
): ResourcePricing["components"][number] {
  return { label, query: query(service, region, {}, [usageType(usage)]), unit, quantity: 1 };
}

function kmsKey({ region }: ModelInput): ResourcePricing {
  return {
    driver: "customer managed key",
    components: [monthly("key-month", "awskms", region, "KMS-Keys", "Keys")],
    notes: ["requests depend on usage"],
  };
}

function secret({ region }: ModelInput): ResourcePricing {
  return {
    driver: "secret",
    components: [
      monthly("secret-month", "AWSSecretsManager", region, "AWSSecretsManager-Secrets", "Secrets"),
    ],
    notes: ["API calls depend on usage"],
  };
}

export const networkModels: Record<string, CostModel> = {
  aws_nat_gateway: {
    fixed: natGateway,
    usage: ({ region }) => [
      {
        label: "data processed",
        query: query("AmazonEC2", region, { productFamily: "NAT Gateway" }, [usageType("NatGateway-Bytes")]),
        unit: "GB",
      },
    ],
  },
  aws_lb: { fixed: loadBalancer },
  aws_alb: { fixed: loadBalancer },
  aws_elb: { fixed: classicLoadBalancer },
  aws_vpc_endpoint: { fixed: vpcEndpoint },
  aws_eks_cluster: { fixed: eks },
  aws_kms_key: { fixed: kmsKey },
  aws_secretsmanager_secret: { fixed: secret },
};
