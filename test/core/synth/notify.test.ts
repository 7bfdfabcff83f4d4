import { describe, expect, it } from "@jest/globals";

import { planChange, planIsComplete } from "../../../src/core/synth/index.js";

import { ctx, hcl, types } from "../../helpers/synth.js";

describe("planChange: a service's notifications of its events", () => {
  it("subscribes a topic to a Redshift cluster's events, with a key Redshift may use", () => {
    const plan = planChange(
      "I want a Redshift data warehouse that sends notifications about its events",
      ctx,
    );
    const subscription = hcl(plan, "aws_redshift_event_subscription");
    expect(subscription).toContain('source_type   = "cluster"');
    expect(subscription).toContain("source_ids    = [aws_redshift_cluster.main.id]");
    expect(subscription).toContain("sns_topic_arn = aws_sns_topic.main.arn");
    // SNS's AWS managed key would not let Redshift publish: the topic has its own key that does.
    expect(hcl(plan, "aws_sns_topic")).toContain("kms_master_key_id = aws_kms_key.main.id");
    expect(hcl(plan, "aws_kms_key")).toContain('Service = ["redshift.amazonaws.com"]');
    expect(planIsComplete(plan)).toBe(true);
  });

  it("takes the thing named after the word as the source, and a DB instance by its identifier", () => {
    const group = planChange(
      "A Redshift cluster and its parameter group, with event notifications for the parameter group",
      ctx,
    );
    expect(hcl(group, "aws_redshift_event_subscription")).toContain(
      'source_type   = "cluster-parameter-group"',
    );
    const db = planChange("A PostgreSQL RDS instance that notifies us of its events", ctx);
    expect(hcl(db, "aws_db_event_subscription")).toContain("source_ids  = [aws_db_instance.main.identifier]");
    expect(hcl(db, "aws_kms_key")).toContain('Service = ["events.rds.amazonaws.com"]');
  });

  it("writes a Glacier vault's notification block with the two events a vault has", () => {
    const plan = planChange("A Glacier vault for archives, with notifications", ctx);
    const vault = hcl(plan, "aws_glacier_vault");
    expect(vault).toContain('events    = ["ArchiveRetrievalCompleted", "InventoryRetrievalCompleted"]');
    expect(vault).toContain("sns_topic = aws_sns_topic.main.arn");
  });

  it("leaves notifications to an alarm that carries its own, and adds none unasked", () => {
    const alarm = planChange("A CloudWatch alarm on the RDS instance's CPU that sends notifications", ctx);
    expect(types(alarm)).not.toContain("aws_db_event_subscription");
    expect(types(planChange("A Redshift cluster with 2 nodes", ctx))).not.toContain(
      "aws_redshift_event_subscription",
    );
  });
});
