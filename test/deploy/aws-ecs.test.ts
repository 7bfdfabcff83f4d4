// The ECS Fargate module in deploy/aws-ecs: our own validator, real `terraform validate` (offline, with
// the provider mirror in /opt/tf-plugins), and the promises we make about it checked on the parsed HCL.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { queueDepthMetric } from "../../src/worker.js";
import { runCli } from "../helpers/cli.js";

const dir = fileURLToPath(new URL("../../deploy/aws-ecs/", import.meta.url));
const hcl = (file: string) => readFileSync(join(dir, file), "utf8");
const PLUGINS = "/opt/tf-plugins";
const terraform = spawnSync("terraform", ["version"]).status === 0 && existsSync(PLUGINS);
if (!terraform)
  console.warn(`SKIPPED real terraform validate of deploy/aws-ecs: needs terraform and ${PLUGINS}`);

describe("deploy/aws-ecs", () => {
  it("passes our own validator against the AWS provider schema", async () => {
    const result = await runCli(["validate", dir, "--json"]);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      findings: { severity: string; message: string }[];
    };
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.ok).toBe(true);
  }, 60_000);

  (terraform ? it : it.skip)(
    "passes real terraform validate and is formatted",
    () => {
      const work = mkdtempSync(join(tmpdir(), "ecs-validate-"));
      try {
        cpSync(dir, work, { recursive: true });
        const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
        const init = spawnSync(
          "terraform",
          ["init", "-backend=false", `-plugin-dir=${PLUGINS}`, "-no-color"],
          { cwd: work, env },
        );
        expect(init.stderr.toString()).not.toContain("Error");
        const validate = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd: work, env });
        const verdict = JSON.parse(validate.stdout.toString()) as { valid: boolean; diagnostics: unknown[] };
        expect(verdict).toMatchObject({ valid: true, diagnostics: [] });
        expect(spawnSync("terraform", ["fmt", "-check", "-recursive"], { cwd: work }).status).toBe(0);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    90_000,
  );

  it("forwards only the webhook path and /healthz; everything else is a 404 at the load balancer", () => {
    const alb = hcl("alb.tf");
    expect(alb).toMatch(/default_action \{\s+type = "fixed-response"/);
    expect(alb).toMatch(/path_pattern \{\s+values = \[var\.webhook_path, "\/healthz"\]/);
    expect(alb.match(/type\s+=\s+"forward"/g)).toHaveLength(1);
  });

  it("encrypts Redis at rest and in transit, with an AUTH token, and keeps secrets in Secrets Manager", () => {
    const redis = hcl("redis.tf");
    expect(redis).toMatch(/at_rest_encryption_enabled = true/);
    expect(redis).toMatch(/transit_encryption_enabled = true/);
    expect(redis).toMatch(/auth_token\s+= var\.redis_auth_token/);
    const secrets = hcl("secrets.tf");
    for (const name of ["private_key", "webhook_secret", "redis_url"])
      expect(secrets).toContain(`resource "aws_secretsmanager_secret" "${name}"`);
    expect(secrets).toContain('"rediss://:');
    const ecs = hcl("ecs.tf");
    expect(ecs).not.toMatch(/name = "(PRIVATE_KEY|WEBHOOK_SECRET|REDIS_URL)", value =/);
    expect(ecs).toMatch(/retention_in_days = var\.log_retention_days/g);
    expect(ecs).toContain("readonlyRootFilesystem = true");
  });

  it("scales workers on the metric the worker actually prints (embedded metric format)", () => {
    const line = JSON.parse(queueDepthMetric(7, 0)) as {
      _aws: {
        CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
      };
      Queue: string;
      QueueDepth: number;
    };
    const metric = line._aws.CloudWatchMetrics[0];
    const scaling = hcl("autoscaling.tf");
    expect(scaling).toContain(`namespace           = "${metric?.Namespace}"`);
    expect(scaling).toContain(`metric_name         = "${metric?.Metrics[0]?.Name}"`);
    expect(scaling).toContain(`dimensions          = { ${metric?.Dimensions[0]?.[0]} = "${line.Queue}" }`);
    expect(line.QueueDepth).toBe(7);
    expect(hcl("ecs.tf")).toContain('{ name = "METRICS_EMF", value = "true" }');
  });
});
