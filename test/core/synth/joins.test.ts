import { describe, expect, it } from "@jest/globals";

import { planChange, planIsComplete } from "../../../src/core/synth/index.js";
import { joinFor } from "../../../src/core/synth/joins.js";

import { ctx, hcl, types } from "../../helpers/synth.js";

describe("join types, read from the provider schema", () => {
  it("finds the type that connects two others by what its arguments reference", () => {
    expect(joinFor(ctx.schema, "aws_vpc", "aws_vpc_dhcp_options")?.type).toBe(
      "aws_vpc_dhcp_options_association",
    );
    expect(joinFor(ctx.schema, "aws_lightsail_instance", "aws_lightsail_disk")?.type).toBe(
      "aws_lightsail_disk_attachment",
    );
    expect(joinFor(ctx.schema, "aws_iam_role", "aws_redshift_cluster")?.type).toBe(
      "aws_redshift_cluster_iam_roles",
    );
    expect(joinFor(ctx.schema, "aws_ebs_volume", "aws_instance")?.type).toBe("aws_volume_attachment");
    expect(joinFor(ctx.schema, "aws_s3_bucket", "aws_sqs_queue")).toBeUndefined();
  });
});

describe("planChange: the join a request asks for between two things it names", () => {
  it("associates DHCP options with the VPC named in a later sentence", () => {
    const plan = planChange(
      "Make a set of DHCP options with the domain name corp.internal and a VPC. Then associate the options with that VPC.",
      ctx,
    );
    const join = hcl(plan, "aws_vpc_dhcp_options_association");
    expect(join).toContain("vpc_id          = aws_vpc.main.id");
    expect(join).toContain("dhcp_options_id = aws_vpc_dhcp_options.main.id");
    expect(planIsComplete(plan)).toBe(true);
  });

  it("attaches a Lightsail disk to a Lightsail instance by name", () => {
    const plan = planChange(
      "Create a Lightsail instance and a Lightsail disk of 20 GB, and attach the disk to the instance.",
      ctx,
    );
    const join = hcl(plan, "aws_lightsail_disk_attachment");
    expect(join).toContain("disk_name     = aws_lightsail_disk.main.name");
    expect(join).toContain("instance_name = aws_lightsail_instance.main.name");
  });

  it("joins a role to a Redshift cluster with the join type, and leaves the cluster's own list unset", () => {
    const plan = planChange(
      "I need a Redshift cluster and an IAM role; associate the IAM role with the cluster.",
      ctx,
    );
    expect(types(plan)).toEqual(
      expect.arrayContaining(["aws_iam_role", "aws_redshift_cluster", "aws_redshift_cluster_iam_roles"]),
    );
    expect(hcl(plan, "aws_redshift_cluster_iam_roles")).toContain(
      "iam_role_arns        = [aws_iam_role.main.arn]",
    );
    // The join resource manages the cluster's roles: setting both makes the two fight over the list.
    expect(hcl(plan, "aws_redshift_cluster")).not.toMatch(/iam_roles|default_iam_role_arn/);
    expect(hcl(plan, "aws_iam_role")).toContain('Service = "redshift.amazonaws.com"');
  });

  it("adds no join where one resource already points at the other with an argument of its own", () => {
    const group = planChange("A VPC with a security group attached to it", ctx);
    expect(types(group)).not.toContain("aws_vpc_security_group_vpc_association");
    expect(hcl(group, "aws_security_group")).toContain("vpc_id = aws_vpc.main.id");
    const address = planChange(
      "Provision an Elastic IP and an EC2 instance; attach the address to the instance.",
      ctx,
    );
    expect(types(address)).not.toContain("aws_eip_association");
  });

  it("reads the verb, not a noun: 'policy attachments' join no policy to the cluster", () => {
    const plan = planChange(
      "An EKS cluster and an IAM role for it with the AmazonEKSClusterPolicy policy attachment",
      ctx,
    );
    expect(types(plan)).not.toContain("aws_eks_access_policy_association");
  });

  it("puts every instance a load balancer stands in front of behind its target group", () => {
    const plan = planChange("A network load balancer in front of two EC2 instances", ctx);
    const attachments = plan.create.filter((r) => r.type === "aws_lb_target_group_attachment");
    expect(attachments).toHaveLength(2);
    expect(hcl(plan, "aws_lb_target_group_attachment")).toMatch(/target_id\s+= aws_instance\.main\.id/);
    expect(hcl(plan, "aws_lb_target_group_attachment")).toMatch(/target_id\s+= aws_instance\.main_2\.id/);
  });
});
