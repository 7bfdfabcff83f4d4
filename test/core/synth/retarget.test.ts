import { describe, expect, it } from "@jest/globals";

import { planChange } from "../../../src/core/synth/index.js";

import { ctx } from "../../helpers/synth.js";

const plan = (request: string) => planChange(request, ctx);
const types = (request: string): string[] => [...new Set(plan(request).create.map((r) => r.type))].sort();

describe("a short name is the type the request's other resources call for", () => {
  it("a parameter group beside a DB instance is the instance's, beside a Neptune cluster the cluster's", () => {
    expect(types("a Postgres RDS instance with a custom parameter group")).toEqual(
      expect.arrayContaining(["aws_db_instance", "aws_db_parameter_group"]),
    );
    expect(types("a Postgres RDS instance with a custom parameter group")).not.toContain(
      "aws_rds_cluster_parameter_group",
    );
    const neptune = plan("a Neptune cluster with a custom parameter group");
    expect(neptune.create.map((r) => r.type)).toContain("aws_neptune_cluster_parameter_group");
    const cluster = neptune.create.find((r) => r.type === "aws_neptune_cluster");
    expect(JSON.stringify(cluster?.body)).toContain("aws_neptune_cluster_parameter_group.main");
  });

  it("an instance in that cluster is the cluster's instance, and so is 'the instance' later on", () => {
    const request =
      "a Neptune cluster and an instance in that cluster with its own parameter group; only the app subnet may reach the instance";
    const planned = types(request);
    expect(planned).toEqual(
      expect.arrayContaining([
        "aws_neptune_cluster",
        "aws_neptune_cluster_instance",
        "aws_neptune_parameter_group",
      ]),
    );
    expect(planned).not.toContain("aws_instance");
  });

  it("a type's full name keeps its meaning beside another service ('an IAM role and a Redshift cluster')", () => {
    expect(types("an IAM role and a Redshift cluster")).toEqual(
      expect.arrayContaining(["aws_iam_role", "aws_redshift_cluster"]),
    );
  });

  it("a generic word is the type of that name in the service the request works in", () => {
    const planned = types("a Lightsail distribution with an instance as its origin");
    expect(planned).toEqual(expect.arrayContaining(["aws_lightsail_distribution", "aws_lightsail_instance"]));
    expect(planned).not.toContain("aws_instance");
  });

  it("an instance far from any cluster stays an EC2 instance", () => {
    expect(
      types("an RDS cluster for orders. Separately, a t3.micro instance in the public subnet"),
    ).toContain("aws_instance");
  });
});
