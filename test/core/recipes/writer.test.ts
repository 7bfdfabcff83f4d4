import { describe, expect, it } from "@jest/globals";
import { formatHcl } from "../../../src/adapters/hcl/format.js";
import {
  attr,
  blank,
  block,
  bool,
  call,
  list,
  num,
  obj,
  quote,
  raw,
  renderFile,
  str,
  strs,
} from "../../../src/core/recipes/hcl/writer.js";

describe("HCL writer", () => {
  it.each([
    ["plain", '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ["line\nbreak\r\ttab", '"line\\nbreak\\r\\ttab"'],
    ['${file("/etc/passwd")}', '"$${file(\\"/etc/passwd\\")}"'],
    ["%{ if true }x%{ endif }", '"%%{ if true }x%%{ endif }"'],
    ["bell\u0007null\u0000", '"bellnull"'],
  ])("quotes %j as an inert literal", (text, expected) => {
    expect(quote(text)).toBe(expected);
  });

  it("aligns = across single-line attributes and lets multi-line ones stand alone, as terraform fmt does", () => {
    const text = renderFile(
      [
        block(
          "resource",
          ["aws_thing", "x"],
          [
            attr("name", str("x")),
            attr("max_size", num(3)),
            attr("tags", call("merge", raw("local.tags"), obj({ Name: str("x"), Environment: str("prod") }))),
            attr("enabled", bool(true)),
            blank,
            block("rule", [], [attr("id", str("r")), attr("priority", num(1))]),
            block("filter", [], []),
          ],
        ),
      ],
      "generated",
    );
    expect(text).toBe(
      [
        "# generated",
        'resource "aws_thing" "x" {',
        '  name     = "x"',
        "  max_size = 3",
        "  tags = merge(local.tags, {",
        '    Name        = "x"',
        '    Environment = "prod"',
        "  })",
        "  enabled = true",
        "",
        "  rule {",
        '    id       = "r"',
        "    priority = 1",
        "  }",
        "  filter {}",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("breaks long lists one item per line with trailing commas", () => {
    const items = Array.from({ length: 8 }, (_, i) => `dynamodb:Action${i}`);
    const text = renderFile([block("locals", [], [attr("actions", strs(items))])]);
    expect(text).toContain('  actions = [\n    "dynamodb:Action0",\n');
    expect(text).toContain('    "dynamodb:Action7",\n  ]\n');
  });

  it("produces text terraform fmt leaves unchanged", async () => {
    const tree = [
      block(
        "resource",
        ["aws_x", "y"],
        [
          attr(
            "policy",
            call(
              "jsonencode",
              obj({
                Version: str("2012-10-17"),
                Statement: list(
                  obj({ Effect: str("Allow"), Action: strs(["s3:GetObject"]) }),
                  obj({ Effect: str("Deny"), Action: str("*") }),
                ),
              }),
            ),
          ),
          attr("list", list(num(1), num(2))),
          attr("empty", obj({})),
          attr("quoted-key", obj({ "a.b:c": str("v"), ok: str("w") })),
        ],
      ),
      block("data", ["aws_y", "z"], []),
    ];
    const text = renderFile(tree);
    expect(await formatHcl(text)).toBe(text);
  });
});
