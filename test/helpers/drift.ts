// Builders for the drift flow: reports as the Action prints them, in a job log, and the drift run's payload.
import { readFileSync } from "node:fs";
import { parsePlan, summarizePlan } from "../../src/core/plan/index.js";
import { driftReportFor, renderDriftLine, type DriftReport } from "../../src/core/drift/report.js";
import { HEAD_SHA, actionsLog, failedRun } from "../fixtures/runs/mocks.js";
import { patchPayload } from "./payloads.js";

const planJson = readFileSync(new URL("../fixtures/plan/drift-console-tag.json", import.meta.url), "utf8");
const plan = parsePlan(planJson);

export function driftLog(reports: DriftReport[]): string {
  return actionsLog(
    "aws-devops-agent/action@v1",
    ["prod: terraform init", "prod: terraform plan", ...reports.map(renderDriftLine)],
    "",
  );
}

export function driftReport(patch: Partial<DriftReport> = {}): DriftReport {
  return { ...driftReportFor("infra/prod", HEAD_SHA, plan, summarizePlan(plan)), ...patch };
}

/** The drift workflow's scheduled run on the default branch, finished. */
export function driftRun(conclusion = "success", path = ".github/workflows/devops-agent-drift.yml") {
  return patchPayload(failedRun({ pr: null, branch: "main" }), {
    workflow_run: { event: "schedule", conclusion, path, name: "devops-agent drift" },
  });
}
