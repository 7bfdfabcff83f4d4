// Crafted .tf files whose nesting the old guard lost count of (its chain counter reset on `ident :` and
// `ident =` lines): the count now follows tokens, and a newline ends a chain only where HCL says it does.
import { describe, expect, it } from "@jest/globals";
import { MAX_NESTING, findExcessiveNesting } from "../../src/adapters/hcl/depth.js";
import { createHclParser } from "../../src/adapters/hcl/index.js";

const parser = createHclParser();
const CHAIN = 5_000;
/** A conditional chain split so every line starts like a map entry (`y : x ? y`), which reset the old count. */
const lines = (ident: string) =>
  `x ? ${ident}\n${Array.from({ length: CHAIN }, () => `${ident} : x ? ${ident}`).join("\n")}\n: `;

const cases: Array<[string, string]> = [
  ["evil-colon-lines-in-parens.tf", `a = (\n${lines("k")}\n2)\n`],
  [
    "evil-equals-lines-in-parens.tf",
    `a = (x ? 1 :\n${Array.from({ length: CHAIN }, () => "b = x ? 1 :").join("\n")}\n2)\n`,
  ],
  ["evil-colon-lines-in-list.tf", `a = [\n${lines("k")}\n2]\n`],
  ["evil-colon-lines-in-interpolation.tf", `a = "\${\n${lines("k")}\n2}"\n`],
  ["evil-colon-lines-in-for-object.tf", `a = { for k in x : k =>\n${lines("v")}\n2 }\n`],
  [
    "evil-quoted-key-lines-in-parens.tf",
    `a = (x ? "k"\n${Array.from({ length: CHAIN }, () => '"k" : x ? "k"').join("\n")}\n: 2)\n`,
  ],
  [
    "evil-unary-lines-in-parens.tf",
    `a = (\n${Array.from({ length: CHAIN }, () => "k = !").join("\n")}\ntrue)\n`,
  ],
];

describe("no line shape resets the nesting count", () => {
  it.each(cases)("%s is refused before it reaches the parser", async (path, content) => {
    expect(findExcessiveNesting(content, false)).not.toBeNull();
    const result = await parser.parse(path, content);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`nesting deeper than ${MAX_NESTING} levels`);
  });

  it("the parser still answers after every refusal", async () => {
    expect(await parser.parse("ok.tf", 'a = x ? 1 : 2\nb = { k = "v" }\n')).toEqual({
      ok: true,
      body: { a: "${x ? 1 : 2}", b: { k: "v" } },
    });
  });

  it("long but flat files (many entries, one link each) are not refused", () => {
    const flat = Array.from({ length: CHAIN }, (_, i) => `k${i} = x ? 1 : 2`).join("\n");
    expect(findExcessiveNesting(`locals {\n${flat}\n}\n`, false)).toBeNull();
    expect(findExcessiveNesting(`a = {\n${flat}\n}\n`, false)).toBeNull();
  });
});
