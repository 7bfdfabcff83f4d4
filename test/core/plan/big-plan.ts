// Builds large plans in the documented format for the 20,000-resource test and the benchmark.
// Every `riskEvery`-th resource is destructive or opens a port, so the risks are known in advance.

interface BigPlanOptions {
  resources: number;
  riskEvery?: number;
}

function instanceValues(i: number, size: string) {
  return {
    ami: "ami-0123456789abcdef0",
    arn: `arn:aws:ec2:us-east-1:123456789012:instance/i-${i.toString(16).padStart(17, "0")}`,
    id: `i-${i.toString(16).padStart(17, "0")}`,
    instance_type: size,
    subnet_id: `subnet-${(i % 64).toString(16).padStart(8, "0")}`,
    vpc_security_group_ids: ["sg-0aaaaaaaaaaaaaaaa", "sg-0bbbbbbbbbbbbbbbb"],
    root_block_device: [{ volume_size: 20 + (i % 5), volume_type: "gp3", encrypted: true, iops: 3000 }],
    tags: {
      Name: `web-${i}`,
      Env: "prod",
      Team: "platform",
      CostCenter: "cc-1234",
      Service: `svc-${i % 40}`,
    },
    user_data: `#!/bin/bash\necho "node ${i}" > /etc/node-id\nsystemctl enable --now app.service\n`,
  };
}

function change(i: number, riskEvery: number) {
  const module = `module.fleet_${i % 20}`;
  const before = instanceValues(i, "t3.micro");
  const base = {
    module_address: module,
    mode: "managed",
    provider_name: "registry.terraform.io/hashicorp/aws",
  };
  const masks = { after_unknown: {}, before_sensitive: { tags: {} }, after_sensitive: { tags: {} } };
  if (i % riskEvery === 0) {
    return {
      ...base,
      address: `${module}.aws_db_instance.db_${i}`,
      type: "aws_db_instance",
      name: `db_${i}`,
      action_reason: "delete_because_no_resource_config",
      change: {
        actions: ["delete"],
        before: { identifier: `db-${i}`, password: "pw" },
        after: null,
        ...masks,
      },
    };
  }
  if (i % riskEvery === Math.floor(riskEvery / 2)) {
    const after = { ...before, ami: "ami-0fffffffffffffff0" };
    return {
      ...base,
      address: `${module}.aws_instance.replaced_${i}`,
      type: "aws_instance",
      name: `replaced_${i}`,
      action_reason: "replace_because_cannot_update",
      change: { actions: ["delete", "create"], before, after, replace_paths: [["ami"]], ...masks },
    };
  }
  return {
    ...base,
    address: `${module}.aws_instance.web[${i}]`,
    type: "aws_instance",
    name: "web",
    index: i,
    change: { actions: ["update"], before, after: instanceValues(i, "t3.small"), ...masks },
  };
}

/** A plan object with `resources` changes plus matching prior_state and planned_values, as Terraform writes. */
export function buildBigPlan({ resources, riskEvery = 400 }: BigPlanOptions): Record<string, unknown> {
  const changes = Array.from({ length: resources }, (_, i) => change(i, riskEvery));
  const stateResources = changes.map((c) => ({
    address: c.address,
    mode: "managed",
    type: c.type,
    name: c.name,
    provider_name: c.provider_name,
    schema_version: 1,
    values: c.change.before,
    sensitive_values: {},
  }));
  return {
    format_version: "1.2",
    terraform_version: "1.10.5",
    planned_values: { root_module: { resources: stateResources } },
    resource_changes: changes,
    prior_state: { format_version: "1.0", values: { root_module: { resources: stateResources } } },
    configuration: { provider_config: {}, root_module: {} },
    errored: false,
  };
}
