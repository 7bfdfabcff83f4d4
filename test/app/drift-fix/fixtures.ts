// A repository with one drifted root, and the drift issue the app would have opened for it.
import { renderDriftRecord, driftIssueBody } from "../../../src/core/drift/issue.js";
import type { DriftReport } from "../../../src/core/drift/report.js";
import { commentMarker } from "../../../src/core/comments/index.js";

export const ROOT = "infra/prod";

export const ROOT_FILES: Record<string, string> = {
  [`${ROOT}/versions.tf`]: `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
`,
  [`${ROOT}/main.tf`]: `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"

  tags = {
    Name = "logs"
  }
}

resource "aws_sqs_queue" "jobs" {
  name                       = "jobs"
  visibility_timeout_seconds = 30
}

resource "aws_instance" "web" {
  ami           = var.ami
  instance_type = var.instance_type
}
`,
  [`${ROOT}/variables.tf`]: `variable "ami" {
  type = string
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}
`,
};

export function report(sha: string, patch: Partial<DriftReport> = {}): DriftReport {
  return {
    v: 1,
    root: ROOT,
    sha,
    status: "drift",
    counts: { create: 0, update: 2, delete: 0, replace: 0 },
    resources: [
      { address: "aws_s3_bucket.logs", actions: ["update"] },
      { address: "aws_sqs_queue.jobs", actions: ["update"] },
    ],
    more: 0,
    tagGaps: [{ address: "aws_s3_bucket.logs", key: "CostCenter", value: "cc-42" }],
    attributes: [{ address: "aws_sqs_queue.jobs", name: "visibility_timeout_seconds", live: 60, code: 30 }],
    ...patch,
  };
}

/** The body the app writes (marker first, as `openIssue` sends it). */
export function driftIssue(r: DriftReport): string {
  return `${commentMarker("drift", r.root)}\n${driftIssueBody(r, { id: 77, url: "https://github.com/Codertocat/Hello-World/actions/runs/77" })}`;
}

export { renderDriftRecord };
