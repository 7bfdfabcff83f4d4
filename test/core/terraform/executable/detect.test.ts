import { describe, expect, it } from "@jest/globals";
import { createHclParser } from "../../../../src/adapters/hcl/index.js";
import { DEFAULT_REPO_CONFIG, RepoConfigSchema } from "../../../../src/core/config/index.js";
import {
  addedConstructs,
  ciConstruct,
  executableFindings,
  executablePolicy,
  findExecutableConstructs,
  isAllowed,
  moduleOrigin,
  providerHost,
} from "../../../../src/core/terraform/executable/index.js";
import type { ParsedFile } from "../../../../src/core/terraform/types.js";

const parser = createHclParser();
async function parsed(path: string, content: string): Promise<ParsedFile> {
  const result = await parser.parse(path, content);
  if (!result.ok) throw new Error(`${path}: ${result.error.message}`);
  return { path, content, body: result.body };
}

const HCL = `terraform {
  required_providers {
    aws  = { source = "hashicorp/aws", version = "~> 5.0" }
    tofu = { source = "registry.opentofu.org/hashicorp/random" }
    odd  = { source = "tf.example.com/acme/odd" }
  }
}

data "external" "who" {
  program = ["sh", "-c", "id"]
}

resource "terraform_data" "run" {
  connection {
    host = "10.0.0.1"
  }
  provisioner "local-exec" {
    command = "echo hi"
  }
  provisioner "remote-exec" {
    inline = ["id"]
  }
  provisioner "file" {
    source      = "/etc/passwd"
    destination = "/tmp/p"
  }
}

module "local" {
  source = "./modules/x"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

module "remote" {
  source = "git::https://example.com/m.git?ref=v1"
}
`;

describe("findExecutableConstructs", () => {
  it("finds every construct that runs or fetches code, with the line it is written on", async () => {
    const found = findExecutableConstructs([await parsed("main.tf", HCL)]);
    const summary = found.map((c) => [c.kind, c.address, c.line, c.value]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ["external", "data.external.who", 9, null],
        ["local-exec", "terraform_data.run.provisioner.local-exec[0]", 17, null],
        ["remote-exec", "terraform_data.run.provisioner.remote-exec[0]", 20, null],
        ["file-provisioner", "terraform_data.run.provisioner.file[0]", 23, null],
        ["module-source", "module.vpc", 34, "terraform-aws-modules/vpc/aws"],
        ["module-source", "module.remote", 39, "git::https://example.com/m.git?ref=v1"],
        ["provider-host", "provider.aws", 3, "hashicorp/aws"],
        ["provider-host", "provider.tofu", 4, "registry.opentofu.org/hashicorp/random"],
        ["provider-host", "provider.odd", 5, "tf.example.com/acme/odd"],
      ]),
    );
    // A local module is not a construct at all.
    expect(found.some((c) => c.address === "module.local")).toBe(false);
    expect(found).toHaveLength(9);
  });

  it("reads the same constructs from Terraform JSON", async () => {
    const json = JSON.stringify({
      data: { external: { who: { program: ["id"] } } },
      resource: {
        null_resource: { x: { provisioner: [{ "local-exec": { command: "id" } }] } },
      },
      module: { m: { source: "github.com/acme/m" } },
    });
    const kinds = findExecutableConstructs([await parsed("main.tf.json", json)]).map((c) => c.kind);
    expect(kinds.sort()).toEqual(["external", "local-exec", "module-source"]);
  });

  it("only a default policy refuses what is not a registry or a local path", async () => {
    const policy = executablePolicy(DEFAULT_REPO_CONFIG);
    const found = findExecutableConstructs([await parsed("main.tf", HCL)]);
    const refused = found.filter((c) => !isAllowed(c, policy)).map((c) => c.address);
    expect(refused.sort()).toEqual(
      [
        "data.external.who",
        "module.remote",
        "provider.odd",
        "terraform_data.run.provisioner.file[0]",
        "terraform_data.run.provisioner.local-exec[0]",
        "terraform_data.run.provisioner.remote-exec[0]",
      ].sort(),
    );
  });

  it("allows exactly what the repository config lists", async () => {
    const config = RepoConfigSchema.parse({
      allow: {
        constructs: ["external", "local-exec"],
        moduleSources: ["git::https://example.com/**"],
        providerHosts: ["TF.example.com"],
      },
    });
    const policy = executablePolicy(config);
    const found = findExecutableConstructs([await parsed("main.tf", HCL)]);
    expect(
      found
        .filter((c) => !isAllowed(c, policy))
        .map((c) => c.kind)
        .sort(),
    ).toEqual(["file-provisioner", "remote-exec"]);
  });

  it("rejects a config that names a construct it does not know or a host that is not one", () => {
    expect(RepoConfigSchema.safeParse({ allow: { constructs: ["shell"] } }).success).toBe(false);
    expect(RepoConfigSchema.safeParse({ allow: { providerHosts: ["https://x"] } }).success).toBe(false);
  });

  it("errors for the agent's constructs and warns for people's, each with where to allow it", async () => {
    const found = findExecutableConstructs([await parsed("main.tf", HCL)]);
    const policy = executablePolicy(DEFAULT_REPO_CONFIG);
    const agent = executableFindings(found, policy, "agent");
    expect(agent.every((f) => f.severity === "error" && f.message.startsWith("refused by policy"))).toBe(
      true,
    );
    expect(agent.find((f) => f.code === "executable_external")?.suggestion).toContain("allow.constructs");
    expect(agent.find((f) => f.code === "executable_provider_host")?.suggestion).toContain(
      "allow.providerHosts",
    );
    expect(executableFindings(found, policy, "human").every((f) => f.severity === "warning")).toBe(true);
  });

  it("tells what a change added from what the file already had", async () => {
    const before = findExecutableConstructs([await parsed("main.tf", HCL)]);
    const moved = `${HCL.replace('module "remote"', 'module "other"')}\n`;
    const after = findExecutableConstructs([await parsed("main.tf", `\n\n${moved}`)]);
    expect(addedConstructs(after, before).map((c) => c.address)).toEqual(["module.other"]);
    const repointed = HCL.replace("terraform-aws-modules/vpc/aws", "git::https://evil.example/vpc.git");
    const changed = findExecutableConstructs([await parsed("main.tf", repointed)]);
    expect(addedConstructs(changed, before).map((c) => c.value)).toEqual([
      "git::https://evil.example/vpc.git",
    ]);
  });
});

describe("module and provider origins (Terraform's address rules)", () => {
  it.each([
    ["./modules/vpc", "local"],
    ["../shared", "local"],
    ["terraform-aws-modules/vpc/aws", "registry registry.terraform.io"],
    ["terraform-aws-modules/iam/aws//modules/iam-role", "registry registry.terraform.io"],
    ["app.terraform.io/acme/vpc/aws", "registry app.terraform.io"],
    ["registry.opentofu.org/acme/vpc/aws", "registry registry.opentofu.org"],
    ["github.com/acme/vpc", "remote github-shorthand"],
    ["bitbucket.org/acme/vpc", "remote github-shorthand"],
    ["github.com/acme/vpc/aws", "remote github-shorthand"],
    ["git::https://example.com/vpc.git", "remote git"],
    ["git@github.com:acme/vpc.git", "remote git"],
    ["https://example.com/vpc.zip", "remote https"],
    ["s3::https://s3.amazonaws.com/b/vpc.zip", "remote s3"],
    ["gcs::https://www.googleapis.com/storage/v1/b/vpc.zip", "remote gcs"],
    ["hg::http://example.com/vpc", "remote hg"],
    ["example.com/vpc.tgz", "remote unknown"],
  ])("%s is %s", (source, expected) => {
    const origin = moduleOrigin(source);
    const text =
      origin.kind === "local"
        ? "local"
        : origin.kind === "registry"
          ? `registry ${origin.host}`
          : `remote ${origin.scheme}`;
    expect(text).toBe(expected);
  });

  it.each([
    ["hashicorp/aws", "registry.terraform.io"],
    ["aws", "registry.terraform.io"],
    ["registry.opentofu.org/hashicorp/aws", "registry.opentofu.org"],
    ["Evil.Example.com/x/y", "evil.example.com"],
    ["a/b/c/d", null],
  ])("provider %s comes from %s", (source, host) => {
    expect(providerHost(source)).toBe(host);
  });

  it.each([
    [".github/workflows/ci.yml", "github-workflow"],
    [".github/actions/setup/action.yml", "github-action"],
    [".github/actions/setup/run.sh", "github-action"],
    ["tools/deploy/action.yaml", "github-action"],
    [".github/CODEOWNERS", null],
    ["main.tf", null],
  ])("%s is %s", (path, kind) => {
    expect(ciConstruct(path)?.kind ?? null).toBe(kind);
  });
});
