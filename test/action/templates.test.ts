import { describe, expect, it } from "@jest/globals";
import { readFileSync, readdirSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { runCli } from "../helpers/cli.js";

interface Workflow {
  on: { pull_request: { paths: string[] }; workflow_dispatch: { inputs: Record<string, unknown> } };
  permissions: Record<string, string>;
  concurrency: { group: string };
  jobs: { plan: { steps: { uses?: string; with?: Record<string, string> }[] } };
}

describe("templates/workflows/devops-agent-plan.yml", () => {
  const workflow = parseYaml(readFileSync("templates/workflows/devops-agent-plan.yml", "utf8")) as Workflow;

  it("runs on Terraform pull requests and on dispatch with the PR number and root", () => {
    expect(workflow.on.pull_request.paths).toContain("**/*.tf");
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(["pr", "root"]);
  });

  it("asks for exactly the permissions the Action needs, one run per PR and root", () => {
    expect(workflow.permissions).toEqual({ "id-token": "write", contents: "read", "pull-requests": "write" });
    expect(workflow.concurrency.group).toContain("inputs.root");
    expect(workflow.concurrency.group).toContain("pull_request.number");
  });

  it("uploads the saved plan files for /agent apply", () => {
    const upload = workflow.jobs.plan.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
    expect(upload?.with).toMatchObject({
      name: "devops-agent-plan",
      path: "${{ runner.temp }}/devops-agent-plan/*.tfplan",
    });
  });

  it("uses the Action without the terraform wrapper", () => {
    const steps = workflow.jobs.plan.steps;
    expect(steps.find((s) => s.uses?.startsWith("hashicorp/setup-terraform"))?.with?.terraform_wrapper).toBe(
      false,
    );
    expect(steps.find((s) => s.uses?.endsWith("/aws-devops-agent/action@v1"))?.with?.["role-to-assume"]).toBe(
      "${{ vars.AWS_PLAN_ROLE_ARN }}",
    );
  });
});

describe("templates/aws-oidc", () => {
  it("passes our own validator", async () => {
    const result = await runCli(["validate", "templates/aws-oidc", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, findings: [] });
  });

  it("pins aud and exact subjects: no wildcard anywhere in a sub condition", () => {
    const text = readdirSync("templates/aws-oidc")
      .map((f) => readFileSync(`templates/aws-oidc/${f}`, "utf8"))
      .join("\n");
    expect(text).toContain('variable = "${local.oidc_host}:aud"');
    expect(text).toContain('plan_subject  = "repo:${local.repository}:pull_request"');
    expect(text).toContain('apply_subject = "repo:${local.repository}:environment:${var.apply_environment}"');
    expect(text).not.toMatch(/StringLike/);
    expect(text.match(/test\s+=\s+"StringEquals"/g)).toHaveLength(4);
  });
});

describe("templates/workflows/devops-agent-apply.yml", () => {
  interface ApplyWorkflow {
    "run-name": string;
    on: { workflow_dispatch: { inputs: Record<string, unknown> } };
    permissions: Record<string, string>;
    concurrency: { group: string; "cancel-in-progress": boolean };
    jobs: {
      apply: {
        if: string;
        environment: string;
        steps: { uses?: string; run?: string; with?: Record<string, string> }[];
      };
    };
  }
  const text = readFileSync("templates/workflows/devops-agent-apply.yml", "utf8");
  const workflow = parseYaml(text) as ApplyWorkflow;

  it("takes exactly the inputs /agent apply dispatches", () => {
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual([
      "pr",
      "sha",
      "root",
      "plan-run-id",
      "plan-sha256",
    ]);
  });

  it("runs in a protected environment, from the default branch, one apply per root, never cancelled", () => {
    expect(workflow.jobs.apply.environment).toBe("production");
    expect(workflow.jobs.apply.if).toBe("github.ref_name == github.event.repository.default_branch");
    expect(workflow.concurrency).toEqual({
      group: "devops-agent-apply-${{ inputs.root }}",
      "cancel-in-progress": false,
    });
    // The Action's own same-root check compares run titles.
    expect(workflow["run-name"]).toContain("${{ inputs.root }}");
    expect(workflow.permissions).toEqual({
      "id-token": "write",
      contents: "read",
      "pull-requests": "write",
      actions: "read",
    });
  });

  it("never hands a dispatch input to a shell, and applies with the apply role", () => {
    expect(workflow.jobs.apply.steps.some((s) => s.run !== undefined)).toBe(false);
    const action = workflow.jobs.apply.steps.find((s) => s.uses?.endsWith("/aws-devops-agent/action@v1"));
    expect(action?.with).toMatchObject({
      mode: "apply",
      "role-to-assume": "${{ vars.AWS_APPLY_ROLE_ARN }}",
      "plan-sha256": "${{ inputs.plan-sha256 }}",
    });
    const download = workflow.jobs.apply.steps.find((s) => s.uses?.startsWith("actions/download-artifact"));
    expect(download?.with).toMatchObject({
      name: "devops-agent-plan",
      "run-id": "${{ inputs.plan-run-id }}",
    });
  });
});

describe("templates/workflows/devops-agent-drift.yml", () => {
  interface DriftWorkflow {
    on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
    permissions: Record<string, string>;
    jobs: { drift: { steps: { uses?: string; run?: string; with?: Record<string, string> }[] } };
  }
  const workflow = parseYaml(
    readFileSync("templates/workflows/devops-agent-drift.yml", "utf8"),
  ) as DriftWorkflow;

  it("runs on a schedule with the read-only plan role and no GitHub write permission", () => {
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(workflow.permissions).toEqual({ "id-token": "write", contents: "read" });
    const action = workflow.jobs.drift.steps.find((s) => s.uses?.endsWith("/aws-devops-agent/action@v1"));
    expect(action?.with).toMatchObject({ mode: "drift", "role-to-assume": "${{ vars.AWS_PLAN_ROLE_ARN }}" });
    expect(workflow.jobs.drift.steps.some((s) => s.run !== undefined)).toBe(false);
  });

  it("has its subject in the plan role's trust policy", () => {
    const main = readFileSync("templates/aws-oidc/main.tf", "utf8");
    expect(main).toContain('["repo:${local.repository}:ref:refs/heads/${var.drift_branch}"]');
  });
});
