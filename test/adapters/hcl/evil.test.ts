import { describe, expect, it } from "@jest/globals";
import { MAX_NESTING, findExcessiveNesting } from "../../../src/adapters/hcl/depth.js";
import { createHclParser } from "../../../src/adapters/hcl/index.js";

const parser = createHclParser();

describe("hostile nesting never reaches the WASM parser", () => {
  const cases: Array<[string, string, string, number]> = [
    ["evil-deep-list.tf", "\n" + "a = " + "[".repeat(5000) + "]".repeat(5000) + "\n", "tf", 2],
    ["evil-deep-blocks.tf", "b {\n".repeat(3000) + "}\n".repeat(3000), "tf", MAX_NESTING + 1],
    ["evil-deep-parens.tf", "a = " + "(".repeat(3000) + "1" + ")".repeat(3000), "tf", 1],
    ["evil-deep-template.tf", 'a = "' + "${x(".repeat(3000) + ")}".repeat(3000) + '"', "tf", 1],
    ["evil-deep.tf.json", "[".repeat(5000) + "]".repeat(5000), "json", 1],
    ["evil-conditional-chain.tf", "a = " + "x ? 1 : ".repeat(20000) + "2\n", "tf", 1],
    ["evil-unary-not.tf", "a = " + "!".repeat(20000) + "true\n", "tf", 1],
    ["evil-unary-minus.tf", "a = " + "- ".repeat(20000) + "1\n", "tf", 1],
    [
      "evil-template-ifs.tf",
      'a = "' + "%{if x}".repeat(20000) + "y" + "%{endif}".repeat(20000) + '"\n',
      "tf",
      1,
    ],
    ["evil-heredoc-fors.tf", "a = <<EOT\n" + "%{ for v in x ~}\n".repeat(20000) + "EOT\n", "tf", 100],
    ["evil-splat-chain.tf", "a = x" + "[*]".repeat(20000) + "\n", "tf", 1],
  ];

  it.each(cases)(
    "%s becomes a located parse error, and the parser keeps working",
    async (path, content, _kind, line) => {
      const result = await parser.parse(path, content);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.message).toBe(
        `nesting deeper than ${MAX_NESTING} levels; not parsed (the parser would overflow its stack)`,
      );
      expect(result.error.line).toBe(line);
      expect(await parser.parse("ok.tf", "locals {\n  a = 1\n}\n")).toEqual({
        ok: true,
        body: { locals: [{ a: 1 }] },
      });
    },
  );
});

describe("findExcessiveNesting on legitimate source", () => {
  it("ignores brackets in comments, strings, escapes and heredocs", () => {
    const noise = "{[(".repeat(200);
    const source = [
      `# ${noise}`,
      `// ${noise}`,
      `/* ${noise}`,
      `   ${noise} */`,
      `locals {`,
      `  a = "${noise}"`,
      `  b = "$\${not_a_template(((("`,
      `  c = <<-EOT`,
      `    ${noise}`,
      `    \${var.x}`,
      ...Array.from({ length: 150 }, () => "    %{ if var.on }on%{ else }off%{ endif }"),
      `  EOT`,
      `  d = [for k, v in var.m : { (k) = v }]`,
      `}`,
      "",
    ].join("\n");
    expect(findExcessiveNesting(source, false)).toBeNull();
  });

  it("accepts nesting up to the limit and reports the line and column where it is crossed", () => {
    const atLimit = "a = " + "[".repeat(MAX_NESTING) + "]".repeat(MAX_NESTING);
    expect(findExcessiveNesting(atLimit, false)).toBeNull();
    const over = "x = 1\ny = " + "[".repeat(MAX_NESTING + 1) + "]".repeat(MAX_NESTING + 1);
    expect(findExcessiveNesting(over, false)).toEqual({ line: 2, column: 5 + MAX_NESTING });
  });

  it("does not add up chain links across separate entries", () => {
    const entries = Array.from({ length: 300 }, (_, i) => `  k${i} = var.on ? -${i} : !var.off`).join("\n");
    expect(
      findExcessiveNesting(
        `locals {\n${entries}\n  list = [${Array(300).fill("-1").join(", ")}]\n}\n`,
        false,
      ),
    ).toBeNull();
    expect(
      findExcessiveNesting("a = [for s in var.x : s.*.id if s != null]\nb = aws_instance.web[*].id\n", false),
    ).toBeNull();
  });

  it("counts JSON brackets outside strings only", () => {
    expect(findExcessiveNesting(JSON.stringify({ a: "[".repeat(500) }), true)).toBeNull();
  });
});

// A crash, stack overflow, hang or heap exhaustion inside the parser costs one file: see
// test/hostile/exhaustion.hcl-isolation.test.ts, which drives real parser threads.
