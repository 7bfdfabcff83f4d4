import { describe, expect, it } from "@jest/globals";

import { renderLines } from "../../../src/core/recipes/hcl/writer.js";
import { planChange } from "../../../src/core/synth/index.js";

import { ctx } from "../../helpers/synth.js";

const types = (request: string): string[] => [...new Set(planChange(request, ctx).create.map((r) => r.type))];

describe("the names people use for a service's resources", () => {
  it("a MySQL or Postgres cluster is a DB cluster, not one instance", () => {
    expect(types("a MySQL cluster with 100 GB of storage")).toContain("aws_rds_cluster");
    expect(types("a MySQL cluster with 100 GB of storage")).not.toContain("aws_db_instance");
  });

  it("a service AWS names in two words is the one Terraform names in one ('MSK Connect', 'App Runner')", () => {
    expect(types("an MSK Connect connector with a custom plugin for the MSK cluster")).toEqual(
      expect.arrayContaining(["aws_mskconnect_connector", "aws_mskconnect_custom_plugin", "aws_msk_cluster"]),
    );
    expect(types("an App Runner service")).toContain("aws_apprunner_service");
  });

  it("Kinesis Data Analytics v2, however it is written, is the v2 application", () => {
    for (const request of [
      "a Kinesis Data Analytics v2 application",
      "a Kinesis V2 Analytics application for Flink",
      "an application on Managed Service for Apache Flink",
    ])
      expect({ request, types: types(request) }).toEqual({
        request,
        types: expect.arrayContaining(["aws_kinesisanalyticsv2_application"]),
      });
  });

  it("a common word right after its service's name is that service's type ('function alias', 'key alias')", () => {
    expect(types("a Lambda function alias called live")).toEqual(
      expect.arrayContaining(["aws_lambda_function", "aws_lambda_alias"]),
    );
    expect(types("a KMS key alias for the payments key")).toEqual(
      expect.arrayContaining(["aws_kms_key", "aws_kms_alias"]),
    );
    expect(types("an alias record in Route 53")).not.toContain("aws_lambda_alias");
  });

  it("an ECS Fargate service behind a load balancer runs a task definition on awsvpc, registered with the target group", () => {
    const plan = planChange("an ECS Fargate service behind a load balancer", ctx);
    expect(plan.create.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        "aws_ecs_service",
        "aws_ecs_cluster",
        "aws_ecs_task_definition",
        "aws_lb_target_group",
      ]),
    );
    const render = (type: string): string =>
      plan.create
        .filter((r) => r.type === type)
        .map((r) =>
          renderLines([{ k: "block", type: "resource", labels: [r.type, r.name], body: r.body }], 0),
        )
        .join("\n");
    const service = render("aws_ecs_service");
    expect(service).toMatch(/task_definition\s+=\s+aws_ecs_task_definition\.main\.id/);
    expect(service).toMatch(/launch_type\s+=\s+"FARGATE"/);
    expect(service).toMatch(/network_configuration \{[^}]*subnets\s+=/s);
    expect(service).toMatch(/load_balancer \{[^}]*target_group_arn\s+=\s+aws_lb_target_group\.main\.arn/s);
    expect(render("aws_ecs_task_definition")).toMatch(/network_mode\s+=\s+"awsvpc"/);
    expect(render("aws_lb_target_group")).toMatch(/target_type\s+=\s+"ip"/);
    // What only the team knows is asked for, never invented.
    expect(plan.variables.map((v) => v.name)).toEqual(
      expect.arrayContaining(["ecs_task_definition_container_definitions"]),
    );
  });

  it("a resource added because another needs it keeps the name the request gives it", () => {
    const plan = planChange('Enable contributor insights on a table named "ExampleTableName"', ctx);
    expect(plan.create.find((r) => r.type === "aws_dynamodb_table")?.name).toBe("exampletablename");
  });

  it("an S3 bucket object is written as aws_s3_object, not the deprecated aws_s3_bucket_object", () => {
    expect(types("an S3 bucket and an S3 bucket object with key config.json")).toContain("aws_s3_object");
  });

  it("a database inside an engine is named without the repo's dashed prefix (RDS rejects hyphens)", () => {
    const plan = planChange("an Aurora PostgreSQL cluster for orders", ctx);
    const cluster = plan.create.find((r) => r.type === "aws_rds_cluster");
    expect(cluster).toBeDefined();
    const hcl = renderLines(
      [{ k: "block", type: "resource", labels: ["aws_rds_cluster", "x"], body: cluster?.body ?? [] }],
      0,
    );
    expect(/database_name\s+=\s+"([^"]*)"/.exec(hcl)?.[1]).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(hcl).toMatch(/cluster_identifier\s+=\s+"\$\{local\.name_prefix\}-/);
  });

  it("a DNS record's type and value come from the request's words; 'a record' alone is an article", () => {
    const body = (request: string): string => {
      const record = planChange(request, ctx).create.find((r) => r.type === "aws_route53_record");
      return renderLines(
        [{ k: "block", type: "resource", labels: ["aws_route53_record", "x"], body: record?.body ?? [] }],
        0,
      );
    };
    const txt = body('a TXT record in Route 53 whose verification string should be "site-verification=abc"');
    expect(txt).toMatch(/type\s+=\s+"TXT"/);
    expect(txt).toMatch(/records\s+=\s+\["site-verification=abc"\]/);
    expect(body("an A record in Route 53 for the web server")).toMatch(/type\s+=\s+"A"/);
    expect(body("create a record in Route 53 for the API")).toMatch(/type\s+=\s+var\./);
  });
});
