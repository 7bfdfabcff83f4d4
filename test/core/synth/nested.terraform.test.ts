// References inside nested blocks, and chains of required parts, closed by the schema-driven generator and
// judged by real `terraform validate` (offline, provider mirror in /opt/tf-plugins). Every case's change goes
// into its own copy of the demo repository, each copy a child module of one root: one init, one validate,
// diagnostics attributed to a case by their file path.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";

import { planChange, planIsComplete, renderPlan, type ChangePlan } from "../../../src/core/synth/index.js";

import { DEMO_INFRA } from "../../helpers/git.js";
import { ctx, hcl, types } from "../../helpers/synth.js";

const PLUGINS = "/opt/tf-plugins";
const available = spawnSync("terraform", ["version"]).status === 0 && existsSync(PLUGINS);
if (!available) console.warn(`SKIPPED nested closure against real terraform: needs terraform and ${PLUGINS}`);

const CASES = {
  splunk: "Stream our application events to Splunk through Kinesis Data Firehose",
  http: "A Firehose stream whose destination is an HTTP endpoint, e.g. a partner's API",
  serverless: "Kinesis Firehose delivering into OpenSearch Serverless",
  bot: "Hook a Lex bot up to our contact center with aws_connect_bot_association",
  endpoint: "Serve predictions from a SageMaker endpoint",
  lifecycle: "An Elastic Beanstalk application with an app version lifecycle that keeps versions for 14 days",
  build: "Run our test suite in an AWS CodeBuild project",
  vault: "Send the backup vault's notifications to an SNS topic with aws_backup_vault_notifications",
  dms: "A DMS event subscription that publishes to an SNS topic",
  onDemand: "an on-demand DynamoDB table with read capacity 5",
  provisioned: "a DynamoDB table with PROVISIONED billing mode and read capacity 5",
  queue: "an SQS queue encrypted with a customer managed KMS key",
  search: "Firehose stream that indexes our logs into an OpenSearch domain",
};
const plans = Object.fromEntries(
  Object.entries(CASES).map(([name, request]) => [name, planChange(request, ctx)]),
) as Record<keyof typeof CASES, ChangePlan>;

(available ? describe : describe.skip)(
  "nested references and required chains, terraform as the oracle",
  () => {
    let dir = "";
    let errors: { file: string; text: string }[] = [];
    const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "nested-closure-"));
      const calls: string[] = [];
      for (const [name, plan] of Object.entries(plans)) {
        const child = join(dir, name);
        await cp(DEMO_INFRA, child, { recursive: true });
        await rm(join(child, "backend.tf"));
        for (const f of renderPlan(plan, ctx.repo, "variables.tf"))
          if (f.mode === "append") await appendFile(join(child, f.path), `\n${f.content}`);
          else await writeFile(join(child, f.path), f.content);
        // The change's new variables have no default: the call passes null, as a caller that has not decided.
        const inputs = plan.variables.map((v) => `  ${v.name} = null\n`).join("");
        calls.push(`module "${name}" {\n  source = "./${name}"\n${inputs}}\n`);
      }
      await writeFile(join(dir, "main.tf"), calls.join("\n"));
      const init = spawnSync("terraform", ["init", "-backend=false", `-plugin-dir=${PLUGINS}`, "-no-color"], {
        cwd: dir,
        env,
      });
      expect(init.status).toBe(0);
      const run = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd: dir, env });
      const verdict = JSON.parse(run.stdout.toString()) as {
        diagnostics: { severity: string; summary: string; detail?: string; range?: { filename: string } }[];
      };
      errors = verdict.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => ({ file: d.range?.filename ?? "", text: `${d.summary}: ${d.detail ?? ""}` }));
    }, 120_000);
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    /** Terraform's errors in the case's own copy (none anywhere else either: a root error fails every case). */
    const rejected = (name: keyof typeof CASES): string[] =>
      errors.filter((e) => e.file.startsWith(`${name}/`) || !e.file.includes("/")).map((e) => e.text);

    it("a delivery stream to a named destination writes that block, its bucket and a role scoped to it", () => {
      const plan = plans.splunk;
      const stream = hcl(plan, "aws_kinesis_firehose_delivery_stream");
      expect(stream).toContain('destination = "splunk"');
      expect(stream).toMatch(
        /splunk_configuration {[^]*s3_configuration {[^]*bucket_arn = aws_s3_bucket\.\w+\.arn/,
      );
      expect(stream).toMatch(/role_arn\s+= aws_iam_role\.\w+\.arn/);
      expect(hcl(plan, "aws_iam_role")).toContain('Service = "firehose.amazonaws.com"');
      const policy = hcl(plan, "aws_iam_policy");
      expect(policy).toContain('"s3:PutObject"');
      expect(policy).toMatch(/Resource = \[aws_s3_bucket\.\w+\.arn, "\$\{aws_s3_bucket\.\w+\.arn\}\/\*"\]/);
      expect(policy).not.toMatch(/"\*"/);
      expect(hcl(plan, "aws_iam_role_policy_attachment")).toMatch(/policy_arn = aws_iam_policy\.\w+\.arn/);
      expect(planIsComplete(plan)).toBe(true);
      expect(rejected("splunk")).toEqual([]);
    });

    it("an HTTP destination acts with its own role; OpenSearch Serverless wins over OpenSearch", () => {
      const plan = plans.http;
      const stream = hcl(plan, "aws_kinesis_firehose_delivery_stream");
      expect(stream).toContain('destination = "http_endpoint"');
      // The HTTP destination's own role argument is optional in the schema; the service still acts with one.
      expect(stream).toMatch(/http_endpoint_configuration {[^]*role_arn\s+= aws_iam_role\.main\.arn/);
      expect(types(plan).filter((t) => t === "aws_iam_role")).toHaveLength(1);
      expect(rejected("http")).toEqual([]);
      const serverless = plans.serverless;
      expect(hcl(serverless, "aws_kinesis_firehose_delivery_stream")).toContain(
        'destination = "opensearchserverless"',
      );
      expect(rejected("serverless")).toEqual([]);
    });

    it("a block that names a resource (lex_bot { name }) brings it, and what that one requires (an intent)", () => {
      const plan = plans.bot;
      expect(hcl(plan, "aws_connect_bot_association")).toMatch(/lex_bot {\n\s+name = aws_lex_bot\.\w+\.name/);
      expect(hcl(plan, "aws_lex_bot")).toMatch(/intent_name\s+= aws_lex_intent\.\w+\.name/);
      expect(types(plan)).toEqual(
        expect.arrayContaining(["aws_connect_instance", "aws_lex_bot", "aws_lex_intent"]),
      );
      expect(rejected("bot")).toEqual([]);
    });

    it("an endpoint follows its chain: configuration → model → the model's role, and only the model acts", () => {
      const plan = plans.endpoint;
      expect(hcl(plan, "aws_sagemaker_endpoint")).toMatch(
        /endpoint_config_name = aws_sagemaker_endpoint_configuration\.\w+\.name/,
      );
      const config = hcl(plan, "aws_sagemaker_endpoint_configuration");
      expect(config).toMatch(/production_variants {\n\s+model_name = aws_sagemaker_model\.\w+\.name/);
      expect(config).not.toContain("execution_role_arn");
      expect(hcl(plan, "aws_sagemaker_model")).toMatch(/execution_role_arn = aws_iam_role\.\w+\.arn/);
      expect(types(plan).filter((t) => t === "aws_iam_role")).toHaveLength(1);
      expect(rejected("endpoint")).toEqual([]);
    });

    it("a named optional block takes its required role and what the request says of it", () => {
      const plan = plans.lifecycle;
      const app = hcl(plan, "aws_elastic_beanstalk_application");
      expect(app).toMatch(/appversion_lifecycle {[^}]*max_age_in_days = 14/);
      expect(app).toMatch(/service_role\s+= aws_iam_role\.\w+\.arn/);
      expect(hcl(plan, "aws_iam_role")).toContain('Service = "elasticbeanstalk.amazonaws.com"');
      expect(rejected("lifecycle")).toEqual([]);
    });

    it("a build project's new role may write the project's own logs, nothing wider", () => {
      const plan = plans.build;
      const policy = hcl(plan, "aws_iam_policy");
      expect(policy).toContain('"logs:PutLogEvents"');
      expect(policy).toContain("log-group:/aws/codebuild/${aws_codebuild_project.main.name}");
      expect(hcl(plan, "aws_iam_role_policy_attachment")).toMatch(/role\s+= aws_iam_role\.\w+\.name/);
      expect(rejected("build")).toEqual([]);
    });

    it("a topic other services publish to gets a key those services may use, from what points at it", () => {
      // Backup vault notifications are not a known publisher: the resource pointing at the topic names it.
      const vault = hcl(plans.vault, "aws_kms_key");
      expect(hcl(plans.vault, "aws_sns_topic")).toMatch(/kms_master_key_id = aws_kms_key\.\w+\.id/);
      expect(vault).toContain('Service = ["backup.amazonaws.com"]');
      expect(hcl(plans.dms, "aws_kms_key")).toContain('Service = ["dms.amazonaws.com"]');
      expect(rejected("vault")).toEqual([]);
      expect(rejected("dms")).toEqual([]);
    });

    it("a table has one capacity mode: on demand writes no capacity, provisioned writes both", () => {
      const onDemand = hcl(plans.onDemand, "aws_dynamodb_table");
      expect(onDemand).toMatch(/billing_mode\s+= "PAY_PER_REQUEST"/);
      expect(onDemand).not.toMatch(/(?:read|write)_capacity/);
      expect(plans.onDemand.create[0]?.notes.join(" ")).toMatch(/read_capacity left out/);
      const provisioned = hcl(plans.provisioned, "aws_dynamodb_table");
      expect(provisioned).toMatch(/billing_mode\s+= "PROVISIONED"/);
      expect(provisioned).toMatch(/read_capacity\s+= 5/);
      expect(provisioned).toMatch(/write_capacity\s+= var\.\w+/);
      expect(plans.provisioned.notUnderstood).toEqual([]);
      expect(rejected("onDemand")).toEqual([]);
      expect(rejected("provisioned")).toEqual([]);
    });

    it("a default never joins an argument the provider says conflicts with one already set", () => {
      const queue = hcl(plans.queue, "aws_sqs_queue");
      expect(queue).toMatch(/kms_master_key_id = aws_kms_key\.\w+\.id/);
      expect(queue).not.toContain("sqs_managed_sse_enabled");
      expect(rejected("queue")).toEqual([]);
    });

    it("a block named after a service points at that service's resource (domain_arn → the plan's domain)", () => {
      const stream = hcl(plans.search, "aws_kinesis_firehose_delivery_stream");
      expect(stream).toMatch(/opensearch_configuration {[^]*domain_arn\s+= aws_opensearch_domain\.main\.arn/);
      expect(stream).not.toContain("cluster_endpoint");
      expect(hcl(plans.search, "aws_iam_policy")).toMatch(
        /"es:ESHttpPost"[^]*aws_opensearch_domain\.main\.arn/,
      );
      expect(rejected("search")).toEqual([]);
    });
  },
);
