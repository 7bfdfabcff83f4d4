import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { listRecipes, renderRecipe } from "../../../src/core/recipes/index.js";
import { DEMO, findings } from "./support.js";

const MINIMAL: Record<string, Record<string, unknown>> = {
  "kms-key": { name: "main" },
  "s3-bucket": { name: "data", access_logging: true },
  "dynamodb-table": { name: "items" },
  "sqs-queue": { name: "jobs" },
  "sns-topic": {
    name: "events",
    subscriptions: [{ protocol: "https", endpoint: "https://hooks.example.com/sns" }],
  },
  "secretsmanager-secret": { name: "token" },
  "ecr-repository": { name: "web" },
  "security-group": {
    name: "web",
    ingress: [{ from_port: 443, cidr: "0.0.0.0/0" }],
    allow_public_ingress: true,
  },
  "python-lambda": { name: "worker" },
  "eventbridge-schedule": {
    name: "nightly",
    schedule_expression: "cron(0 2 * * ? *)",
    target_lambda: "worker",
  },
  "cloudwatch-alarm": {
    name: "cpu",
    metric: "custom",
    namespace: "AWS/EC2",
    metric_name: "CPUUtilization",
    statistic: "Average",
    threshold: 80,
  },
  "github-oidc-role": {
    name: "deploy",
    repository: "acme/infra",
    subjects: [{ kind: "environment", value: "prod" }],
  },
};

function pythonAvailable(): boolean {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("listRecipes", () => {
  it("describes twelve building blocks with JSON Schema parameters for the agent's use_recipe tool", () => {
    const recipes = listRecipes();
    expect(recipes.map((r) => r.id)).toEqual(Object.keys(MINIMAL));
    for (const r of recipes) {
      expect(r.parameters["type"]).toBe("object");
      expect(r.parameters["required"]).toEqual(expect.arrayContaining(["name"]));
      expect(r.description.length).toBeGreaterThan(40);
    }
  });
});

describe("renderRecipe (the tool-call form)", () => {
  it.each(Object.entries(MINIMAL))(
    "renders %s with its defaults into valid, canonical Terraform",
    async (id, params) => {
      const out = renderRecipe(id, params, DEMO);
      expect(out.files.length).toBeGreaterThan(0);
      expect(await findings(out.files)).toEqual([]);
    },
  );

  it.each([
    [
      "s3-bucket",
      { name: "Audit Logs" },
      "recipe s3-bucket: name: lower-case letters, digits and single hyphens, starting with a letter",
    ],
    [
      "s3-bucket",
      { name: "logs", expiration_days: 0 },
      "recipe s3-bucket: expiration_days: Too small: expected number to be >=1",
    ],
    [
      "sqs-queue",
      { name: "jobs", retention_days: 30 },
      "recipe sqs-queue: retention_days: Too big: expected number to be <=14",
    ],
    [
      "security-group",
      { name: "web", ingress: [{ from_port: 22, cidr: "0.0.0.0/0" }] },
      "recipe security-group: ingress.0.cidr: ingress from the whole internet is only allowed for ports 80/443 with allow_public_ingress",
    ],
    [
      "security-group",
      { name: "web", ingress: [{ from_port: 22, cidr: "10.0.0.300/8" }] },
      "recipe security-group: ingress.0.cidr: an IPv4 CIDR such as 10.0.0.0/16",
    ],
    [
      "cloudwatch-alarm",
      { name: "q", metric: "sqs_queue_depth" },
      "recipe cloudwatch-alarm: target: metric sqs_queue_depth needs the target resource identifier",
    ],
    [
      "github-oidc-role",
      { name: "ci", repository: "acme/infra", subjects: [{ kind: "branch", value: "*" }] },
      "recipe github-oidc-role: subjects.0.value: a branch, tag or environment name without wildcards",
    ],
    [
      "github-oidc-role",
      { name: "ci", repository: "acme" },
      "recipe github-oidc-role: repository: owner/repo",
    ],
    [
      "eventbridge-schedule",
      { name: "s", schedule_expression: "every 5 minutes", target_lambda: "f" },
      "recipe eventbridge-schedule: schedule_expression: rate(N minutes|hours|days) or cron(min hour day-of-month month day-of-week year) with ? in one day field",
    ],
    [
      "python-lambda",
      { name: "f", runtime: "nodejs20.x" },
      'recipe python-lambda: runtime: Invalid option: expected one of "python3.9"|"python3.10"|"python3.11"|"python3.12"|"python3.13"',
    ],
    [
      "dynamodb-table",
      { name: "t", kms_key: 'x"; }' },
      "recipe dynamodb-table: kms_key: a Terraform identifier such as orders_queue",
    ],
    [
      "nope",
      {},
      'unknown recipe "nope"; known: kms-key, s3-bucket, dynamodb-table, sqs-queue, sns-topic, secretsmanager-secret, ecr-repository, security-group, python-lambda, eventbridge-schedule, cloudwatch-alarm, github-oidc-role',
    ],
  ])("rejects %s %j with a message naming the field", (id, params, message) => {
    expect(() => renderRecipe(id, params, DEMO)).toThrow(message);
  });

  it("never writes a secret value: the secret recipe has no version resource and ignores a value param", () => {
    const out = renderRecipe("secretsmanager-secret", { name: "token", secret_string: "hunter2" }, DEMO);
    expect(out.files[0]?.content).not.toContain("aws_secretsmanager_secret_version");
    expect(out.files[0]?.content).not.toContain("hunter2");
  });

  it("writes Python handlers that compile, for plain and SQS-triggered functions", () => {
    const dir = mkdtempSync(join(tmpdir(), "recipes-py-"));
    try {
      const plain = renderRecipe("python-lambda", { name: "plain" }, DEMO).files.find((f) =>
        f.path.endsWith(".py"),
      );
      const sqs = renderRecipe("python-lambda", { name: "sqs", sqs_trigger: "jobs" }, DEMO).files.find((f) =>
        f.path.endsWith(".py"),
      );
      expect(plain?.path).toBe("src/plain/handler.py");
      expect(sqs?.content).toContain('return {"batchItemFailures": failures}');
      for (const [i, file] of [plain, sqs].entries()) {
        const content = file?.content ?? "";
        expect(content).toMatch(/^def handler\(event, context\):$/m);
        expect(content).not.toMatch(/\t/);
        // CI images without Python still check the structure above; with Python, the file must compile.
        if (!pythonAvailable()) continue;
        const path = join(dir, `handler${i}.py`);
        writeFileSync(path, content);
        execFileSync("python3", ["-m", "py_compile", path]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
