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

describe("a parser engine that stops working", () => {
  // The watchdog ticks on real timers but judges by the injected clock, so real delays cannot flake these.
  const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 15));

  it("gives up when no call answers for the limit, then fails fast with the reason", async () => {
    let clock = 0;
    let calls = 0;
    const hanging = createHclParser({
      engine: () => {
        calls += 1;
        return new Promise<Record<string, unknown>>(() => undefined);
      },
      timeoutMs: 40,
      now: () => clock,
    });
    const first = hanging.parse("a.tf", "locals {}");
    await tick();
    clock = 50;
    const broken = "the HCL parser stopped working (no answer within 40 ms); restart to parse again";
    expect(await first).toEqual({ ok: false, error: { message: broken, line: null, column: null } });
    expect(await hanging.parse("b.tf", "locals {}")).toEqual({
      ok: false,
      error: { message: broken, line: null, column: null },
    });
    expect(calls).toBe(1);
  });

  it("does not give up on calls that only wait their turn behind others", async () => {
    let clock = 0;
    const answers: Array<() => void> = [];
    const serial = createHclParser({
      engine: () => new Promise<Record<string, unknown>>((resolve) => answers.push(() => resolve({}))),
      timeoutMs: 40,
      now: () => clock,
    });
    const all = Promise.all(Array.from({ length: 12 }, (_, i) => serial.parse(`f${i}.tf`, "")));
    // One answer every 30 ms of clock: 360 ms in all, far past the limit, but never 40 ms without progress.
    while (answers.length > 0) {
      clock += 30;
      await tick();
      answers.shift()?.();
    }
    expect((await all).every((result) => result.ok)).toBe(true);
  });

  it("treats a stack overflow inside the engine as fatal for that engine", async () => {
    const overflowing = createHclParser({
      engine: () => Promise.reject(new RangeError("Maximum call stack size exceeded")),
    });
    const first = await overflowing.parse("a.tf", "locals {}");
    expect(first).toEqual({
      ok: false,
      error: {
        message: "the HCL parser stopped working (Maximum call stack size exceeded); restart to parse again",
        line: null,
        column: null,
      },
    });
    expect(await parser.parse("ok.tf", "locals {}\n")).toEqual({ ok: true, body: { locals: [{}] } });
  });
});
