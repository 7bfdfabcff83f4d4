import { describe, expect, it } from "@jest/globals";

import { localModules } from "../../../src/agent/synth.js";
import {
  describePlan,
  planChange,
  renderPlan,
  planIsComplete,
  type SynthContext,
} from "../../../src/core/synth/index.js";
import { trafficRules } from "../../../src/core/synth/traffic.js";
import { namedManagedPolicies } from "../../../src/core/synth/iam.js";

import { ctx, hcl, repo, types } from "../../helpers/synth.js";

describe("traffic the request states becomes security group rules", () => {
  it("reads direction, port and source of each clause", () => {
    const { rules, unparsed } = trafficRules(
      "A security group that allows inbound HTTPS from anywhere, SSH from 10.1.0.0/16 and all outbound traffic.",
    );
    expect(unparsed).toEqual([]);
    expect(rules.map((r) => [r.direction, r.protocol, r.fromPort, r.source])).toEqual([
      ["ingress", "tcp", 443, "0.0.0.0/0"],
      ["ingress", "tcp", 22, "10.1.0.0/16"],
      ["egress", "-1", -1, "0.0.0.0/0"],
    ]);
  });

  it("writes one rule resource per rule in the requested group, and no silent drop", () => {
    const plan = planChange(
      "Create a VPC with a security group that allows inbound HTTPS from anywhere and all outbound traffic",
      ctx,
    );
    expect(types(plan)).toEqual([
      "aws_security_group",
      "aws_vpc",
      "aws_vpc_security_group_egress_rule",
      "aws_vpc_security_group_ingress_rule",
    ]);
    const ingress = hcl(plan, "aws_vpc_security_group_ingress_rule");
    expect(ingress).toContain("security_group_id = aws_security_group.main.id");
    expect(ingress).toMatch(/from_port\s+= 443/);
    expect(ingress).toMatch(/cidr_ipv4\s+= "0.0.0.0\/0"/);
    expect(hcl(plan, "aws_vpc_security_group_egress_rule")).toMatch(/ip_protocol\s+= "-1"/);
    expect(planIsComplete(plan)).toBe(true);
  });

  it("refuses a database port open to the internet, with the reason and the alternative", () => {
    const plan = planChange("a security group allowing MySQL from any IP address", ctx);
    expect(plan.refusals.map((r) => r.part)).toEqual(["a database port open to the internet"]);
    expect(plan.refusals[0]?.alternative).toMatch(/inside the VPC/);
    expect(planIsComplete(plan)).toBe(false);
  });
});

describe("dependency closure: what a resource cannot work without", () => {
  it("joins what the request asks to associate (route table with subnets, DHCP options with the VPC)", () => {
    const routes = planChange(
      "a VPC with two public subnets and a route table associated with the subnets through an internet gateway",
      ctx,
    );
    expect(types(routes)).toContain("aws_route_table_association");
    expect(hcl(routes, "aws_route_table_association")).toContain("route_table_id = aws_route_table.");
    const dhcp = planChange("DHCP options with Google's DNS servers, associated with a VPC", ctx);
    expect(types(dhcp)).toContain("aws_vpc_dhcp_options_association");
  });

  it("gives a load balancer its own security group and two subnets in two zones", () => {
    const plan = planChange("generate an Application Load Balancer", ctx);
    const lb = hcl(plan, "aws_lb");
    expect(lb).toMatch(/security_groups\s+= \[aws_security_group\.main\.id\]/);
    expect(lb).toMatch(/subnets\s+= \[aws_subnet\.main\.id, aws_subnet\.main_2\.id\]/);
    expect(hcl(plan, "aws_security_group")).toContain("vpc_id      = aws_vpc.main.id");
    const subnets = hcl(plan, "aws_subnet");
    expect(subnets).toContain("names[0]");
    expect(subnets).toContain("names[1]");
    expect(subnets).toContain("cidrsubnet(aws_vpc.main.cidr_block, 8, 1)");
  });

  it("attaches the managed policies the request names to the role it asks for", () => {
    expect(
      namedManagedPolicies("attach AmazonEKSClusterPolicy and arn:aws:iam::aws:policy/ReadOnlyAccess."),
    ).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]);
    const plan = planChange(
      "an IAM role named eks for an EKS cluster with AmazonEKSClusterPolicy and AWSLambdaBasicExecutionRole attached",
      ctx,
    );
    const attachments = hcl(plan, "aws_iam_role_policy_attachment");
    expect(attachments).toContain('"arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"');
    expect(attachments).toContain('"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"');
    expect(attachments.match(/AmazonEKSClusterPolicy/g)).toHaveLength(1);
    expect(attachments).toContain("role       = aws_iam_role.");
  });

  it("gives a service the role it acts with, trusted by that service only", () => {
    const plan = planChange("Create a SageMaker Pipeline resource.", ctx);
    expect(hcl(plan, "aws_sagemaker_pipeline")).toMatch(/role_arn\s+= aws_iam_role\.\w+\.arn/);
    expect(hcl(plan, "aws_iam_role")).toContain('Service = "sagemaker.amazonaws.com"');
  });
});

describe("defaults users get wrong", () => {
  it("a Terraform state lock table has the LockID hash key, on demand", () => {
    const text = hcl(planChange("a DynamoDB table for Terraform state locking", ctx), "aws_dynamodb_table");
    expect(text).toContain('hash_key                    = "LockID"');
    expect(text).toMatch(/attribute {\n\s+name = "LockID"\n\s+type = "S"/);
    expect(text).toContain('billing_mode                = "PAY_PER_REQUEST"');
  });

  it("a table takes the partition key the request names, else asks for it", () => {
    expect(
      hcl(planChange('a DynamoDB table with partition key "userId"', ctx), "aws_dynamodb_table"),
    ).toContain('hash_key                    = "userId"');
    const plan = planChange("a DynamoDB table for orders", ctx);
    expect(hcl(plan, "aws_dynamodb_table")).toMatch(/hash_key\s+= var\.\w+/);
    expect(plan.variables.some((v) => /partition \(hash\) key/.test(v.description))).toBe(true);
  });

  it("an SNS topic alarms publish to gets a key CloudWatch may use, not alias/aws/sns", () => {
    const plan = planChange("a CloudWatch alarm on CPU that notifies an SNS topic", ctx);
    expect(hcl(plan, "aws_sns_topic")).toContain("kms_master_key_id = aws_kms_key.main.id");
    const key = hcl(plan, "aws_kms_key");
    expect(key).toContain('Service = ["cloudwatch.amazonaws.com"]');
    expect(key).toContain("enable_key_rotation");
    expect(hcl(plan, "aws_cloudwatch_metric_alarm")).toContain("alarm_actions");
    // The demo repo reads aws_caller_identity already: the key policy reuses it rather than declaring another.
    expect(key).toContain("data.aws_caller_identity.current.account_id");
  });

  it("a topic nothing AWS publishes to uses SNS's managed key", () => {
    const plan = planChange("an SNS topic for order events", ctx);
    expect(hcl(plan, "aws_sns_topic")).toContain('kms_master_key_id = "alias/aws/sns"');
    expect(types(plan)).not.toContain("aws_kms_key");
  });
});

describe("the repository's local modules are reused", () => {
  const withModules: SynthContext = { ...ctx, modules: localModules(repo.inventory, "") };

  it("a log group becomes a call of ./modules/log-group, inputs mapped from its variables", () => {
    const plan = planChange(
      "a CloudWatch log group for the payments service with 90 days retention",
      withModules,
    );
    expect(types(plan)).toEqual([]);
    expect(plan.modules.map((m) => [m.source, m.wraps])).toEqual([
      ["./modules/log-group", "aws_cloudwatch_log_group"],
    ]);
    const files = renderPlan(plan, withModules.repo, "variables.tf");
    const text = files.map((f) => f.content).join("\n");
    expect(text).toMatch(/module "main" {\n\s+source\s+= "\.\/modules\/log-group"/);
    expect(text).toMatch(/retention_days = 90/);
    expect(text).toContain('name           = "${local.name_prefix}-main"');
    expect(planIsComplete(plan)).toBe(true);
    expect(describePlan(plan)).toContain("Will call the repository's modules");
  });

  it("a resource the rest of the plan refers to stays a resource (a module call does not expose it)", () => {
    const plan = planChange("a Lambda function for the billing job", withModules);
    expect(types(plan)).toContain("aws_cloudwatch_log_group");
    expect(plan.modules).toEqual([]);
  });
});

describe("refusals read what is asked, not what is forbidden", () => {
  it("a request that forbids touching .github/ or provisioners is not refused for naming them", () => {
    const plan = planChange(
      "Fix the failing job. Do not touch credentials, secrets, or anything under .github/ (workflows). Never use provisioners.\nAdd an SQS queue for orders.",
      ctx,
    );
    expect(plan.refusals).toEqual([]);
  });
});
