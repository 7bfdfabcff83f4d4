import { describe, expect, it } from "@jest/globals";
import { formatHcl, isCanonicallyFormatted } from "../../../src/adapters/hcl/format.js";
import { readTerraformTree } from "../../../src/adapters/terraform/index.js";

describe("formatHcl", () => {
  it("aligns equals signs and indents like terraform fmt", async () => {
    const messy = 'resource "aws_s3_bucket" "b" {\nbucket="logs"\n    force_destroy = true\n}\n';
    expect(await formatHcl(messy)).toBe(
      'resource "aws_s3_bucket" "b" {\n  bucket        = "logs"\n  force_destroy = true\n}\n',
    );
  });

  it("is stable on its own output", async () => {
    const once = await formatHcl('locals {\na=1\nbb = "x"\n}\n');
    expect(await formatHcl(once)).toBe(once);
  });
});

describe("isCanonicallyFormatted", () => {
  it("tells formatted from unformatted source", async () => {
    expect(await isCanonicallyFormatted('locals {\n  a  = 1\n  bb = "x"\n}\n')).toBe(true);
    expect(await isCanonicallyFormatted("locals {\na=1\n}\n")).toBe(false);
  });
});

describe("the committed Terraform", () => {
  it("examples/demo-infra and the realistic fixtures are canonically formatted", async () => {
    const roots = ["examples/demo-infra", "test/fixtures/terraform"];
    const unformatted: string[] = [];
    for (const root of roots) {
      const tree = await readTerraformTree(root);
      for (const file of tree.files) {
        if (file.path.endsWith(".tf") && !file.path.includes("mistakes") && !file.path.startsWith("evil-")) {
          if (!(await isCanonicallyFormatted(file.content))) unformatted.push(`${root}/${file.path}`);
        }
      }
    }
    expect(unformatted).toEqual([]);
  });
});

describe("formatHcl on hostile input", () => {
  it("returns over-deep source unchanged instead of handing it to the WASM formatter", async () => {
    const deep = "a = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    expect(await formatHcl(deep)).toBe(deep);
    expect(await formatHcl("locals {\na=1\n}\n")).toBe("locals {\n  a = 1\n}\n");
  });
});
