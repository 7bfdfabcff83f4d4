import { describe, expect, it } from "@jest/globals";
import {
  applyTofuPrecedence,
  isTerraformFile,
  isTerraformHcl,
  isTerraformJson,
  terraformExtension,
  tofuTwin,
} from "../../../src/core/terraform/files.js";

describe("Terraform and OpenTofu file names", () => {
  it.each([
    ["main.tf", ".tf", true, false],
    ["main.tofu", ".tofu", true, false],
    ["vars.tf.json", ".tf.json", false, true],
    ["vars.tofu.json", ".tofu.json", false, true],
    ["dir/nested.tofu", ".tofu", true, false],
  ])("%s is configuration (%s)", (path, ext, hcl, json) => {
    expect(terraformExtension(path)).toBe(ext);
    expect(isTerraformFile(path)).toBe(true);
    expect(isTerraformHcl(path)).toBe(hcl);
    expect(isTerraformJson(path)).toBe(json);
  });

  it.each([
    "terraform.tfvars",
    "x.tfvars.json",
    "plan.tfplan",
    "main.tftest.hcl",
    "README.md",
    ".tf",
    "tofu",
    "a.tofu.bak",
  ])("%s is not configuration", (path) => {
    expect(isTerraformFile(path)).toBe(false);
    expect(tofuTwin(path)).toBeNull();
  });

  it("names the OpenTofu twin of a .tf or .tf.json file only", () => {
    expect(tofuTwin("net/main.tf")).toBe("net/main.tofu");
    expect(tofuTwin("net/vars.tf.json")).toBe("net/vars.tofu.json");
    expect(tofuTwin("net/main.tofu")).toBeNull();
    expect(tofuTwin("net/vars.tofu.json")).toBeNull();
  });
});

describe("applyTofuPrecedence (OpenTofu's extension precedence)", () => {
  const files = (...paths: string[]) => paths.map((path) => ({ path, content: path }));

  it("drops x.tf when x.tofu is beside it, and x.tf.json when x.tofu.json is", () => {
    const { kept, shadowed } = applyTofuPrecedence(
      files("main.tf", "main.tofu", "vars.tf.json", "vars.tofu.json", "outputs.tf"),
    );
    expect(kept.map((f) => f.path)).toEqual(["main.tofu", "vars.tofu.json", "outputs.tf"]);
    expect(shadowed).toEqual([
      { path: "main.tf", by: "main.tofu" },
      { path: "vars.tf.json", by: "vars.tofu.json" },
    ]);
  });

  it("keeps x.tf beside x.tofu.json and x.tf.json beside x.tofu: only the same syntax hides", () => {
    const { kept, shadowed } = applyTofuPrecedence(files("a.tf", "a.tofu.json", "b.tf.json", "b.tofu"));
    expect(kept).toHaveLength(4);
    expect(shadowed).toEqual([]);
  });

  it("compares within one directory only", () => {
    const { kept } = applyTofuPrecedence(
      files("main.tf", "modules/net/main.tofu", "modules/net/main.tf.json"),
    );
    expect(kept.map((f) => f.path)).toEqual(["main.tf", "modules/net/main.tofu", "modules/net/main.tf.json"]);
  });

  it("keeps override files' own precedence the same way (x_override.tf behind x_override.tofu)", () => {
    const { shadowed } = applyTofuPrecedence(files("x_override.tf", "x_override.tofu", "override.tf"));
    expect(shadowed).toEqual([{ path: "x_override.tf", by: "x_override.tofu" }]);
  });
});
