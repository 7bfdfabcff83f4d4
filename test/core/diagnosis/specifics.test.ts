import { describe, expect, it } from "@jest/globals";
import { diagnose, schemaArgumentSuggester, unmatchedDiagnosis } from "../../../src/core/diagnosis/index.js";
import type { Diagnosis } from "../../../src/core/diagnosis/index.js";
import { excerptFromText } from "../../../src/core/logs/index.js";
import type { TypeSchema } from "../../../src/core/terraform/schema/types.js";
import { excerptOf } from "./fixtures.js";

function diagnosed(id: string): Diagnosis {
  const result = diagnose(excerptOf(`${id}.log`));
  if (!result) throw new Error(`no diagnosis for ${id}`);
  return result;
}

describe("specifics the signatures extract", () => {
  it("AccessDenied: the action, the resource and a least-privilege statement", () => {
    const d = diagnosed("aws-access-denied-not-authorized");
    expect(d.specifics).toMatchObject({
      role: "gha-plan",
      action: "iam:CreateRole",
      resource: "arn:aws:iam::123456789012:role/deploy",
    });
    expect(JSON.parse(d.specifics["policy"] ?? "")).toEqual({
      Sid: "AllowiamCreateRole",
      Effect: "Allow",
      Action: ["iam:CreateRole"],
      Resource: ["arn:aws:iam::123456789012:role/deploy"],
    });
    // Granting access widens IAM: explained, never auto-fixed.
    expect(d.autoFixable).toBe(false);
    expect(d.evidence[0]).toBe("Error: creating IAM Role (deploy): operation error IAM: CreateRole, https");
  });

  it("explicit deny: names the policy type and is not auto-fixable", () => {
    const d = diagnosed("aws-access-denied-explicit-deny");
    expect(d.specifics["deniedBy"]).toBe("service control policy");
    expect(d.autoFixable).toBe(false);
  });

  it("AccessDenied from the SDK alone: the IAM action from the operation and the bucket ARN", () => {
    const d = diagnosed("aws-access-denied-operation");
    expect(d.specifics).toMatchObject({
      action: "s3:PutBucketPolicy",
      resource: "arn:aws:s3:::acme-artifacts",
    });
  });

  it("state lock: the lock ID, holder and force-unlock advice with a warning", () => {
    const d = diagnosed("terraform-state-lock");
    expect(d.specifics).toMatchObject({
      lockId: "f9763602-b03f-e35c-da30-4083cdbb99ae",
      who: "runner@fv-az1234-567",
      path: "acme-tf-state/prod/network.tfstate",
      operation: "OperationTypeApply",
    });
    expect(d.fix).toContain("terraform force-unlock f9763602-b03f-e35c-da30-4083cdbb99ae");
    expect(d.fix).toMatch(/Warning: force-unlocking/);
  });

  it("provider versions: the locked version and the conflicting constraint", () => {
    expect(diagnosed("terraform-provider-locked-version-mismatch").specifics).toEqual({
      provider: "registry.terraform.io/hashicorp/aws",
      locked: "4.67.0",
      constraint: ">= 4.0.0, ~> 5.40",
    });
    expect(diagnosed("terraform-provider-no-matching-version").specifics).toEqual({
      provider: "hashicorp/aws",
      constraint: ">= 5.0.0, < 4.0.0",
      majors: "v5 vs v4",
    });
  });

  it("unsupported argument: address, location and Terraform's own suggestion", () => {
    expect(diagnosed("terraform-unsupported-argument").specifics).toEqual({
      argument: "bucket_nam",
      file: "s3.tf",
      line: "12",
      address: "aws_s3_bucket.logs",
      resourceType: "aws_s3_bucket",
      suggestion: "bucket_name",
    });
  });

  it("unsupported argument: asks the provider schema for a suggestion when Terraform gives none", () => {
    const text = [
      "Error: Unsupported argument",
      "",
      '  on main.tf line 3, in resource "aws_sqs_queue" "jobs":',
      "   3:   visibility_timeout = 30",
      "",
      'An argument named "visibility_timeout" is not expected here.',
    ].join("\n");
    const asked: string[] = [];
    const d = diagnose(text, {
      suggestArgument: (type, argument) => {
        asked.push(`${type}.${argument}`);
        return "visibility_timeout_seconds";
      },
    });
    expect(asked).toEqual(["aws_sqs_queue.visibility_timeout"]);
    expect(d?.specifics["suggestion"]).toBe("visibility_timeout_seconds");
    expect(d?.fix).toBe(
      "Replace `visibility_timeout` (main.tf line 3) with `visibility_timeout_seconds`, then run `terraform validate`.",
    );
  });

  it("already exists: the import block for the existing resource", () => {
    expect(diagnosed("aws-s3-bucket-already-owned").specifics["importBlock"]).toBe(
      'import {\n  to = aws_s3_bucket.logs\n  id = "acme-logs"\n}',
    );
    expect(diagnosed("aws-iam-entity-already-exists").specifics).toMatchObject({
      address: "aws_iam_role.deploy",
      id: "deploy",
      kind: "Role",
    });
  });

  it("pytest: the failing test and its assertion", () => {
    expect(diagnosed("pytest-test-failure").specifics).toEqual({
      test: "tests/test_naming.py::test_bucket_name_prefix",
      tests: "tests/test_naming.py::test_bucket_name_prefix",
      assertion: "AssertionError: assert 'logs' == 'acme-logs'",
      summary: "1 failed, 3 passed in 0.09s",
    });
  });

  it("missing module: the module and the package that provides it", () => {
    expect(diagnosed("python-module-not-found").specifics).toMatchObject({
      module: "yaml",
      package: "PyYAML",
      site: "third-party",
    });
  });

  it("Python syntax error: file, line and message", () => {
    expect(diagnosed("python-syntax-error").specifics).toEqual({
      file: "app/handler.py",
      line: "14",
      error: "SyntaxError",
      message: "expected ':'",
    });
  });

  it("wrapped AWS messages are read to the end of their paragraph", () => {
    expect(diagnosed("aws-limit-exceeded").specifics).toMatchObject({
      code: "AddressLimitExceeded",
      message: "The maximum number of addresses has been reached.",
      action: "ec2:AllocateAddress",
    });
    expect(diagnosed("aws-api-validation-error").specifics["message"]).toBe(
      "Period must be 10, 20, 30 or a multiple of 60",
    );
  });

  it("failed unlock: the lock ID from the error message", () => {
    expect(diagnosed("terraform-state-unlock-failed").specifics["lockId"]).toBe(
      "f9763602-b03f-e35c-da30-4083cdbb99ae",
    );
  });

  it("unittest: the test id once, whatever the Python version prints", () => {
    expect(diagnosed("unittest-failure").specifics).toEqual({
      test: "test_config.ConfigTest.test_default_region",
      kind: "FAIL",
      assertion: "AssertionError: 'us-east-1' != 'eu-west-1'",
    });
  });

  it("dependency cycle: the objects in the loop", () => {
    expect(diagnosed("terraform-dependency-cycle").specifics).toEqual({
      nodes: "aws_security_group.app, aws_security_group.db",
      count: "2",
      shape: "security-groups",
      resource: "aws_security_group.app",
    });
  });
});

describe("choosing between signatures", () => {
  it("prefers the more specific cause when several match (missing module over collection error)", () => {
    expect(diagnosed("python-module-not-found").signatureId).toBe("python-module-not-found");
  });

  it("ignores signatures below minConfidence", () => {
    const text = "ERROR collecting tests/test_api.py\nERROR tests/test_api.py - KeyError: 'API_URL'";
    expect(diagnose(text)?.signatureId).toBe("pytest-collection-error");
    expect(diagnose(text, { minConfidence: 0.8 })).toBeNull();
  });

  it("returns null when nothing matches", () => {
    expect(diagnose(excerptFromText("2024-05-01T12:00:00.1Z make: *** [all] Error 2"))).toBeNull();
  });
});

describe("unmatchedDiagnosis", () => {
  it("says what it saw and that no signature matched", () => {
    const excerpt = excerptFromText(
      [
        "##[group]Run make deploy",
        "##[endgroup]",
        "deploying",
        "Error: widget exploded",
        "##[error]Process completed with exit code 2.",
      ].join("\n"),
    );
    const d = unmatchedDiagnosis(excerpt);
    expect(d).toMatchObject({
      category: "other",
      source: "signature",
      signatureId: null,
      confidence: 0,
      autoFixable: false,
    });
    expect(d.rootCause).toBe(
      "The failing step was `make deploy`. Its first error line was `Error: widget exploded`. No known failure signature matched, and no model was available to analyse it.",
    );
    expect(d.evidence).toEqual(["Error: widget exploded", "##[error]Process completed with exit code 2."]);
  });

  it("explains an empty or binary log", () => {
    expect(unmatchedDiagnosis({ text: "", empty: true }).rootCause).toMatch(/^The log is empty/);
    expect(unmatchedDiagnosis({ text: "", binary: true }).rootCause).toMatch(/binary data/);
  });
});

describe("schemaArgumentSuggester", () => {
  it("offers the closest argument or block of the resource type", () => {
    const attributes = new Map([
      ["visibility_timeout_seconds", {}],
      ["name", {}],
    ]);
    const blocks = new Map([["redrive_policy_block", {}]]);
    const suggest = schemaArgumentSuggester({
      resource: (type) =>
        type === "aws_sqs_queue" ? ({ attributes, blocks } as unknown as TypeSchema) : undefined,
    });
    expect(suggest("aws_sqs_queue", "visibility_timeout")).toBe("visibility_timeout_seconds");
    expect(suggest("aws_sqs_queue", "nmae")).toBe("name");
    expect(suggest("aws_unknown", "name")).toBeUndefined();
  });
});

describe("look-alikes outside their domain", () => {
  it("does not read a Python ValidationError as an AWS parameter error", () => {
    const text = [
      "Traceback (most recent call last):",
      '  File "app/settings.py", line 9, in <module>',
      "pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings",
    ].join("\n");
    expect(diagnose(text)?.signatureId ?? null).not.toBe("aws-api-validation-error");
  });
});
