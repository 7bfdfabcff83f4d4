import { describe, expect, it } from "@jest/globals";
import { readdirSync } from "node:fs";
import { SIGNATURES, diagnose, findHoles } from "../../../src/core/diagnosis/index.js";
import type { Diagnosis } from "../../../src/core/diagnosis/index.js";
import { code } from "../../../src/core/diagnosis/extract.js";
import { excerptFromText } from "../../../src/core/logs/index.js";
import { LOG_FIXTURES, excerptOf } from "./fixtures.js";

function must(text: string, repo = {}): Diagnosis {
  const d = diagnose(excerptFromText(text), { repo });
  if (!d) throw new Error(`no diagnosis for:\n${text}`);
  return d;
}

describe("no rendered field has a hole", () => {
  const logs = readdirSync(LOG_FIXTURES).filter((f) => f.endsWith(".log") && !f.startsWith("evil-"));
  it.each(logs)("%s", (name) => {
    const d = diagnose(excerptOf(name));
    if (!d) return;
    for (const field of [d.title, d.rootCause, d.fix]) expect(findHoles(field)).toEqual([]);
  });

  it("finds the holes templates used to leave", () => {
    expect(findHoles("`?` sets `x`")).toContain("question-mark hole");
    expect(findHoles("someone started `an operation`")).toContain("bare article as code");
    expect(findHoles("`A block` sets `acl`")).toContain("bare article as code");
    expect(findHoles("terraform force-unlock <LOCK_ID>")).toContain("placeholder");
    expect(findHoles("  ")).toEqual(["empty"]);
    expect(findHoles("The bucket `` is taken")).toContain("empty code span");
    expect(findHoles("Use `${var.name}` in ```hcl\nx = null\n```")).toEqual([]);
  });

  it("quotes log text so no backtick run can close the code span", () => {
    expect(code("a ``b`` c")).toBe("```a ``b`` c```");
    expect(code("`x`")).toBe("`` `x` ``");
    expect(code("two\nlines")).toBe("`two lines`");
  });
});

describe("precedence where categories collide", () => {
  it("expired credentials are credentials, even when an AccessDenied follows", () => {
    const d = must(
      [
        "Error: reading S3 Bucket (acme-logs): operation error S3: HeadBucket, https response error StatusCode: 400, RequestID: X1, api error ExpiredToken: The provided token has expired.",
        "Error: creating IAM Role (ci): operation error IAM: CreateRole, https response error StatusCode: 403, RequestID: X2, api error AccessDenied: User: arn:aws:sts::123456789012:assumed-role/ci/GitHubActions is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/ci because no identity-based policy allows the iam:CreateRole action",
      ].join("\n"),
    );
    expect(d.category).toBe("credentials");
    expect(d.fix).not.toMatch(/Grant /);
  });

  it("a malformed key is credentials, not permissions", () => {
    const d = must(
      "Error: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 9, api error SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.",
    );
    expect(d.category).toBe("credentials");
  });

  it("an authenticated principal refused by a trust policy is permissions_iam", () => {
    const d = must(
      "Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity",
      { repository: "Acme-Corp/Infra", event: "push", branch: "main" },
    );
    expect(d.category).toBe("permissions_iam");
    expect(d.fix).toContain("`repo:Acme-Corp/Infra:ref:refs/heads/main`");
    expect(d.fix).toMatch(/case-sensitive/);
  });

  it("a block written where an argument belongs is syntax_hcl, never auto-fixable", () => {
    const d = must(
      [
        "Error: Missing required argument",
        "",
        '  on waf.tf line 1, in resource "example_rule" "block_bots":',
        '   1: resource "example_rule" "block_bots" {',
        "",
        'The argument "settings" is required, but no definition was found.',
        "",
        "Error: Unsupported block type",
        "",
        '  on waf.tf line 6, in resource "example_rule" "block_bots":',
        "   6:   settings {",
        "",
        'Blocks of type "settings" are not expected here. Did you mean to define',
        'argument "settings"? If so, use the equals sign to assign it a value.',
      ].join("\n"),
    );
    expect(d.category).toBe("syntax_hcl");
    expect(d.signatureId).toBe("terraform-block-vs-argument");
    expect(d.fix).toContain("`settings = { … }`");
    expect(d.autoFixable).toBe(false);
  });

  it("an argument written where a block belongs is syntax_hcl too", () => {
    const d = must(
      'An argument named "rule" is not expected here. Did you mean to define a block of type "rule"?',
    );
    expect(d.category).toBe("syntax_hcl");
    expect(d.fix).toContain("`rule { … }`");
  });

  it("throttling wrapped in a validation error is a rate limit", () => {
    const d = must(
      "Error: updating Lambda Function (ingest) configuration: InvalidParameterValueException: Your request has been throttled by EC2, please make sure you have enough API rate limit. EC2 Error Code: RequestLimitExceeded. EC2 Error Message: Request limit exceeded.\n\tstatus code: 400, request id: 1",
    );
    expect(d.category).toBe("quota_limit");
    expect(d.fix).toMatch(/-parallelism=/);
  });

  it("NXDOMAIN is not a timeout; a resolver that does not answer is", () => {
    const nx = must(
      'Error: Get "https://db.internal.example.com/health": dial tcp: lookup db.internal.example.com on 8.8.8.8:53: no such host',
    );
    expect(nx.category).toBe("other");
    expect(nx.confidence).toBeLessThan(0.8);
    const slow = must(
      'Error: Post "https://sts.us-east-1.amazonaws.com/": dial tcp: lookup sts.us-east-1.amazonaws.com on 127.0.0.53:53: read udp 127.0.0.1:5353->127.0.0.53:53: i/o timeout',
    );
    expect(slow.category).toBe("network_timeout");
    expect(slow.signatureId).toBe("dns-lookup-timeout");
  });
});

describe("calibration", () => {
  it("two unrelated causes equally likely: the answer is not confident", () => {
    const d = must(
      [
        "Error: Error acquiring the state lock",
        "Lock Info:",
        "  ID:        0a1b2c3d-0000-1111-2222-333344445555",
        "  Who:       runner@fv-az77-1",
        "",
        "##[error]Process completed with exit code 1.",
      ].join("\n"),
    );
    expect(d.confidence).toBeGreaterThanOrEqual(0.8);
    const split = must(
      [
        "Error: creating S3 Bucket (acme-assets): BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it.",
        "Error: No space left on device",
        "Error: Cycle: aws_lb.a, aws_lb_listener.b",
      ].join("\n"),
    );
    expect(split.confidence).toBeLessThan(0.8);
  });

  it("a bare assertion without test context is below the confident band", () => {
    const d = must("AssertionError: 3 != 4");
    expect(d.category).toBe("python_test_failure");
    expect(d.confidence).toBeLessThan(0.8);
  });
});

describe("the fix users actually applied", () => {
  it("a local credential typo gets local advice, CI gets secret/OIDC advice", () => {
    const local = must(
      "$ terraform plan\n\nError: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 1, api error InvalidClientTokenId: The security token included in the request is invalid.",
    );
    expect(local.fix).toMatch(/aws sts get-caller-identity/);
    expect(local.fix).not.toMatch(/OIDC/);
    const ci = must(
      "##[group]Run terraform plan\n##[endgroup]\nError: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 1, api error InvalidClientTokenId: The security token included in the request is invalid.",
    );
    expect(ci.fix).toMatch(/secrets/);
  });

  it("a credentials file header written as in the config file", () => {
    const d = must(
      'PS C:\\infra> terraform init\n    Error configuring the backend "s3": No valid credential sources found for AWS Provider.',
    );
    expect(d.fix).toContain("`[profile name]`");
  });

  it("an HCP Terraform remote run needs the workspace's own credentials", () => {
    const d = must(
      "Running plan in HCP Terraform. Output will stream here.\nWaiting for the plan to start...\nError: No valid credential sources found",
    );
    expect(d.fix).toMatch(/dynamic provider credentials/);
  });

  it.each([
    ["yaml", "PyYAML"],
    ["cv2", "opencv-python"],
    ["PIL", "Pillow"],
    ["sklearn", "scikit-learn"],
    ["bs4", "beautifulsoup4"],
    ["skimage", "scikit-image"],
  ])("No module named '%s' → pip install %s", (module, dist) => {
    const d = must(
      `Traceback (most recent call last):\n  File "/home/runner/work/app/app/tools/resize.py", line 2, in <module>\n    import ${module}\nModuleNotFoundError: No module named '${module}'`,
    );
    expect(d.fix).toContain(`\`${dist}\``);
    expect(d.autoFixable).toBe(true);
  });

  it("a module missing inside an installed package: upgrade that package", () => {
    const d = must(
      `Traceback (most recent call last):\n  File "/usr/lib/python3.12/site-packages/acmelib/client.py", line 3, in <module>\n    import _acme_build_info\nModuleNotFoundError: No module named '_acme_build_info'`,
    );
    expect(d.rootCause).toContain("`acmelib`");
    expect(d.fix).toMatch(/Upgrade `acmelib`/);
    expect(d.autoFixable).toBe(false);
  });

  it("the repository's own package not on the test path", () => {
    const d = must(
      "tests/widgets/conftest.py:4: in <module>\n    from widgets.core import Gear\nE   ModuleNotFoundError: No module named 'widgets'",
    );
    expect(d.fix).toMatch(/pip install -e \.|pythonpath/);
    expect(d.autoFixable).toBe(false);
  });

  it("an argument removed in a provider major version", () => {
    const d = must(
      [
        "- Installing hashicorp/aws v6.2.0...",
        "Error: Unsupported argument",
        "",
        '  on network.tf line 4, in resource "aws_eip" "nat":',
        "   4:   vpc = true",
        "",
        'An argument named "vpc" is not expected here.',
      ].join("\n"),
    );
    expect(d.rootCause).toMatch(/removed in v6\.0/);
    expect(d.fix).toContain('`domain = "vpc"`');
    expect(d.autoFixable).toBe(false);
  });

  it("a module input renamed in a new module release", () => {
    const d = must(
      [
        "Error: Unsupported argument",
        "",
        '  on cache.tf line 9, in module "redis":',
        "   9:   cluster_size = 3",
        "",
        'An argument named "cluster_size" is not expected here.',
      ].join("\n"),
    );
    expect(d.rootCause).toContain("module `redis`");
    expect(d.fix).toMatch(/pin the module's `version`/);
  });

  it("a cycle between count instances: use self", () => {
    const d = must("Error: Cycle: aws_instance.node[2], aws_instance.node[0], aws_instance.node[1]");
    expect(d.fix).toMatch(/`self`/);
    expect(d.rootCause).toContain("`aws_instance.node`");
  });

  it("a hard-wrapped cycle is read back without broken names", () => {
    // Terraform wraps the list at a fixed width, mid-name.
    const flat =
      "Error: Cycle: module.edge.module.api.aws_api_gateway_stage.main (expand), module.edge.module.api.aws_api_gateway_deployment.main (destroy), module.edge.module.api.aws_lambda_function.auth";
    const wrapped = (flat.match(/.{1,60}/g) ?? []).join("\n");
    const d = must(wrapped);
    expect(d.rootCause).toContain("module.edge.module.api.aws_api_gateway_stage.main");
    expect(d.rootCause).toContain("3 objects");
  });

  it("the setup-terraform wrapper breaking -json", () => {
    const d = must(
      "##[group]Run terraform output -json > out.json && python read.py\n[command]/home/runner/work/_temp/abc/terraform-bin output -json\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
    );
    expect(d.signatureId).toBe("terraform-wrapper-breaks-json");
    expect(d.fix).toContain("terraform_wrapper: false");
  });

  it("a permissions boundary is named, not a generic grant", () => {
    const d = must(
      "api error AccessDenied: User: arn:aws:sts::123456789012:assumed-role/deploy/s1 is not authorized to perform: sqs:CreateQueue on resource: arn:aws:sqs:eu-west-1:123456789012:jobs with an explicit deny in a permissions boundary",
    );
    expect(d.signatureId).toBe("aws-access-denied-permissions-boundary");
    expect(d.fix).toMatch(/permissions boundary/);
  });
});

describe("every signature keeps IAM, credentials and workflows out of auto-fix", () => {
  it.each(SIGNATURES.filter((s) => ["permissions_iam", "credentials"].includes(s.category)).map((s) => s.id))(
    "%s",
    (id) => {
      const signature = SIGNATURES.find((s) => s.id === id);
      expect(signature?.autoFixable).toBe(false);
    },
  );
});
