import { describe, expect, it } from "@jest/globals";

import { planChange } from "../../../src/core/synth/index.js";

import { ctx, hcl } from "../../helpers/synth.js";

describe("network requests: rules, ranges and references that apply would accept", () => {
  const bastion = planChange(
    "a bastion host in the public subnet reachable over SSH from 203.0.113.0/24",
    ctx,
  );

  it("'reachable over SSH from <cidr>' is an ingress rule from that range, on the instance's group", () => {
    const rule = hcl(bastion, "aws_vpc_security_group_ingress_rule");
    expect(rule).toMatch(/from_port\s+=\s+22/);
    expect(rule).toMatch(/cidr_ipv4\s+=\s+"203\.0\.113\.0\/24"/);
    expect(hcl(bastion, "aws_instance")).toMatch(
      /vpc_security_group_ids\s+=\s+\[aws_security_group\.main\.id\]/,
    );
  });

  it("the rule's source range is not taken as the subnet's or the VPC's own range", () => {
    expect(hcl(bastion, "aws_subnet")).toContain("cidrsubnet(aws_vpc.main.cidr_block");
    expect(hcl(bastion, "aws_vpc")).not.toContain("203.0.113");
  });

  it("an instance gets no invented key pair name and no EC2-Classic security_groups beside its VPC groups", () => {
    const instance = hcl(bastion, "aws_instance");
    expect(instance).not.toMatch(/key_name/);
    expect(instance).not.toMatch(/^\s*security_groups\s*=/m);
  });

  it("a VPC's own range is read from 'CIDR block <cidr>'; its subnets are carved from it", () => {
    const plan = planChange("a VPC with CIDR block 10.1.0.0/16 and two private subnets", ctx);
    expect(hcl(plan, "aws_vpc")).toMatch(/cidr_block\s+=\s+"10\.1\.0\.0\/16"/);
    expect(hcl(plan, "aws_subnet")).not.toContain("10.1.0.0/16");
  });

  it("a database reachable on its port states one rule, not two", () => {
    const plan = planChange("a Postgres database reachable from 10.0.0.0/8 on port 5432", ctx);
    expect(plan.create.filter((r) => r.type === "aws_vpc_security_group_ingress_rule")).toHaveLength(1);
  });

  it("a data store placed in the plan's subnets takes them through its service's subnet group", () => {
    const cache = planChange("an ElastiCache Redis cluster in the private subnets", ctx);
    expect(cache.create.map((r) => r.type)).toContain("aws_elasticache_subnet_group");
    const cluster = hcl(cache, "aws_elasticache_cluster");
    expect(cluster).toMatch(/subnet_group_name\s+=\s+aws_elasticache_subnet_group\.main\.name/);
    // It is its own cluster: no invented replication group to join, and the engine it was asked for.
    expect(cluster).not.toMatch(/replication_group_id/);
    expect(cluster).toMatch(/engine\s+=\s+"redis"/);
    const neptune = planChange("a Neptune cluster in two private subnets", ctx);
    expect(hcl(neptune, "aws_neptune_cluster")).toMatch(
      /neptune_subnet_group_name\s+=\s+aws_neptune_subnet_group/,
    );
  });

  it("a network load balancer forwards TCP to the instance, of the size the request names", () => {
    const plan = planChange("a Network Load Balancer attached to an EC2 instance of t2.micro", ctx);
    expect(hcl(plan, "aws_lb")).toMatch(/load_balancer_type\s+=\s+"network"/);
    expect(hcl(plan, "aws_lb_listener")).toMatch(/protocol\s+=\s+"TCP"/);
    expect(hcl(plan, "aws_lb_target_group")).toMatch(/protocol\s+=\s+"TCP"/);
    expect(hcl(plan, "aws_instance")).toMatch(/instance_type\s+=\s+"t2\.micro"/);
    expect(hcl(plan, "aws_lb_target_group_attachment")).toMatch(/target_id\s+=\s+aws_instance\.main\.id/);
    // An application load balancer stays HTTP.
    expect(hcl(planChange("an application load balancer", ctx), "aws_lb_listener")).toMatch(
      /protocol\s+=\s+"HTTP"/,
    );
  });

  it("each size family goes to the argument that takes it: t2.micro to EC2, db.* to RDS", () => {
    const plan = planChange("a Postgres database on a db.r6g.large and an EC2 instance", ctx);
    expect(hcl(plan, "aws_db_instance")).toMatch(/instance_class\s+=\s+"db\.r6g\.large"/);
    expect(hcl(plan, "aws_instance")).not.toMatch(/db\.r6g/);
  });
});
