import { HOURS_PER_MONTH, type CostComponent, type ResourcePricing } from "../types.js";
import type { Values } from "../values.js";
import { type CostModel, type ModelInput, query, unpriced, usageType } from "./types.js";

const TENANCY: Record<string, string> = { default: "Shared", dedicated: "Dedicated", host: "Host" };

/** EBS storage, plus provisioned IOPS and throughput above what the volume type includes. */
export function ebsComponents(
  region: string,
  type: string,
  sizeGb: number,
  volume: Values,
  label: string,
): CostComponent[] {
  const parts: CostComponent[] = [
    {
      label: `${label} ${type} ${sizeGb} GB`,
      query: query("AmazonEC2", region, { productFamily: "Storage", volumeApiName: type }),
      unit: "GB-Mo",
      quantity: sizeGb,
    },
  ];
  const iops = volume.num("iops");
  const includedIops = type === "gp3" ? 3000 : 0;
  if ((type === "gp3" || type === "io1" || type === "io2") && iops !== undefined && iops > includedIops) {
    parts.push({
      label: `${label} ${iops - includedIops} provisioned IOPS`,
      query: query("AmazonEC2", region, {
        productFamily: "System Operation",
        volumeApiName: type,
        group: "EBS IOPS",
      }),
      unit: "IOPS-Mo",
      quantity: iops - includedIops,
    });
  }
  const throughput = volume.num("throughput");
  if (type === "gp3" && throughput !== undefined && throughput > 125) {
    parts.push({
      label: `${label} ${throughput - 125} MiB/s throughput`,
      query: query("AmazonEC2", region, { productFamily: "Provisioned Throughput", volumeApiName: "gp3" }),
      unit: "GiBps-mo",
      quantity: (throughput - 125) / 1024,
    });
  }
  return parts;
}

function instance({ values, region }: ModelInput): ResourcePricing {
  const type = values.str("instance_type");
  if (!type) return unpriced("instance type unknown", "instance_type is known only after apply");
  const tenancy = TENANCY[values.str("tenancy") ?? "default"] ?? "Shared";
  const components: CostComponent[] = [
    {
      label: `${type} instance`,
      query: query("AmazonEC2", region, {
        instanceType: type,
        operatingSystem: "Linux",
        tenancy,
        preInstalledSw: "NA",
        capacitystatus: "Used",
        licenseModel: "No License required",
      }),
      unit: "Hrs",
      quantity: HOURS_PER_MONTH,
    },
  ];
  const notes = ["Linux assumed (the AMI's operating system is not in the plan)"];
  const root = values.block("root_block_device");
  const size = root.num("volume_size");
  if (size !== undefined)
    components.push(...ebsComponents(region, root.str("volume_type") ?? "gp3", size, root, "root volume"));
  else notes.push("root volume size comes from the AMI and is not in the plan");
  if (values.bool("associate_public_ip_address") === true) components.push(publicIpv4(region, 1));
  return { driver: `${type}, ${tenancy.toLowerCase()} tenancy`, components, notes };
}

function volume({ values, region }: ModelInput): ResourcePricing {
  const type = values.str("type") ?? "gp3";
  const size = values.num("size");
  if (size === undefined)
    return unpriced(`${type} volume`, "size is known only after apply (from a snapshot)");
  return {
    driver: `${type}, ${size} GB`,
    components: ebsComponents(region, type, size, values, "volume"),
    notes: [],
  };
}

export function publicIpv4(region: string, count: number): CostComponent {
  return {
    label: `${count} public IPv4 address${count === 1 ? "" : "es"}`,
    query: query("AmazonVPC", region, {}, [usageType("PublicIPv4:InUseAddress")]),
    unit: "Hrs",
    quantity: HOURS_PER_MONTH * count,
  };
}

function eip({ region }: ModelInput): ResourcePricing {
  return { driver: "public IPv4 address", components: [publicIpv4(region, 1)], notes: [] };
}

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

function provisionedConcurrency({ values, region, related }: ModelInput): ResourcePricing {
  const executions = values.num("provisioned_concurrent_executions");
  if (executions === undefined)
    return unpriced("provisioned concurrency", "the number of executions is not in the plan");
  const name = values.str("function_name");
  const fn = related("aws_lambda_function", (v) => v.str("function_name") === name);
  const memory = fn?.num("memory_size");
  const notes =
    memory === undefined ? ["memory size not in the plan: 128 MB assumed (the Lambda default)"] : [];
  const gb = (memory ?? 128) / 1024;
  return {
    driver: `${executions} × ${memory ?? 128} MB provisioned`,
    components: [
      {
        label: `${executions} provisioned executions`,
        query: query("AWSLambda", region, {}, [usageType("Lambda-Provisioned-Concurrency")]),
        unit: "Lambda-GB-Second",
        quantity: executions * gb * SECONDS_PER_MONTH,
      },
    ],
    notes,
  };
}

export const computeModels: Record<string, CostModel> = {
  aws_instance: { fixed: instance },
  aws_ebs_volume: { fixed: volume },
  aws_eip: { fixed: eip },
  aws_lambda_provisioned_concurrency_config: { fixed: provisionedConcurrency },
};
