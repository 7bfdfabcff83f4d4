// HCL that does not parse or is not in canonical format.
import { code, compact, get, terraformLocation, where } from "../extract.js";
import type { Signature, SignatureContext } from "../types.js";

const PARSE_ERRORS = [
  "Argument or block definition required",
  "Invalid expression",
  "Unclosed configuration block",
  "Invalid character",
  "Missing newline after argument",
  "Unterminated template string",
  "Invalid multi-line string",
  "Missing item separator",
  "Missing attribute separator",
  "Extra characters after interpolation expression",
  "Invalid quoted type constraints",
  "Missing key/value separator",
];

export function located(
  m: RegExpExecArray,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const loc = terraformLocation(m.input, m.index);
  return compact({
    file: loc.file,
    line: loc.line,
    address: loc.address,
    resourceType: loc.resourceType,
    ...extra,
  });
}

function fmtFiles(context: SignatureContext): string | undefined {
  const files = [...context.input.text.matchAll(/^([\w./-]+\.(?:tf|tfvars|tftest\.hcl))$/gm)].map(
    (f) => f[1],
  );
  return files.length > 0 ? [...new Set(files)].slice(0, 20).join(", ") : undefined;
}

export const hclSignatures: Signature[] = [
  {
    id: "terraform-block-vs-argument",
    category: "syntax_hcl",
    title: "A block is written as an argument, or an argument as a block",
    test: [
      /Did you mean to define (argument) "([\w-]+)"\? If so, use the equals sign to assign it a value/,
      /An argument named "([\w-]+)" is not expected here\. Did you mean to define (a block) of type "([\w-]+)"\?/,
    ],
    extract: (m) => {
      const shouldBe = m[1] === "argument" ? "argument" : "block";
      const name = (shouldBe === "argument" ? m[2] : m[3]) ?? "";
      return located(m, { shouldBe, name });
    },
    rootCause: (s) =>
      s["shouldBe"] === "argument"
        ? `${code(get(s, "name"))} is an argument (a map or object value)${where(s)}, but the configuration writes it as a nested block (${code(`${get(s, "name")} {`)} without \`=\`). Terraform then also reports the argument as missing or the block as unexpected.`
        : `${code(get(s, "name"))} is a nested block${where(s)}, but the configuration assigns it as an argument (${code(`${get(s, "name")} = {`)}).`,
    fix: (s) =>
      s["shouldBe"] === "argument"
        ? `Add the equals sign: write ${code(`${get(s, "name")} = { … }`)} instead of ${code(`${get(s, "name")} { … }`)}${where(s)}, then run \`terraform validate\`.`
        : `Drop the equals sign: write ${code(`${get(s, "name")} { … }`)} instead of ${code(`${get(s, "name")} = { … }`)}${where(s)} (repeat the block for each element of a list), then run \`terraform validate\`.`,
    confidence: 0.96,
    autoFixable: false,
  },
  {
    id: "terraform-invalid-block-definition",
    category: "syntax_hcl",
    title: "Terraform cannot parse a block definition",
    test: [
      /Error: Invalid block definition/,
      /A block definition must have block content delimited by "\{" and "\}", starting on the same line as the block header/,
    ],
    extract: (m) => {
      const line = /^\s*\d+:\s+(\w+)\s+"[^"\n]*"\s*$/m.exec(m.input.slice(m.index, m.index + 800));
      return located(m, { argument: line?.[1] });
    },
    rootCause: (s) =>
      s["argument"]
        ? `${code(get(s, "argument"))}${where(s)} has no \`=\`, so HCL reads ${code(`${get(s, "argument")} "…"`)} as the header of a block without braces.`
        : `A block header is malformed${where(s)}: HCL reads a line as a block header but finds no \`{\` on the same line. Most often an argument is missing its \`=\` (\`description "text"\` instead of \`description = "text"\`); otherwise the block's \`{\` is on the next line or a label is unquoted.`,
    fix: (s) =>
      s["argument"]
        ? `Write ${code(`${get(s, "argument")} = "…"`)}${where(s)}, then run \`terraform fmt\` and \`terraform validate\`.`
        : `Add the missing \`=\` to the argument${where(s)} (\`name = value\`), or put the block's \`{\` at the end of its header line with quoted labels; then run \`terraform fmt\` and \`terraform validate\`.`,
    confidence: 0.93,
    autoFixable: false,
  },
  {
    id: "terraform-legacy-parse-error",
    category: "syntax_hcl",
    title: "Terraform cannot parse a configuration file",
    test: [/Error parsing ([^\n:]+(?::\\[^\n:]+)?\.tf(?:vars)?): At (\d+):(\d+): ([^\n]+)/],
    extract: (m) => compact({ file: m[1], line: m[2], column: m[3], detail: m[4] }),
    rootCause: (s) =>
      s["line"] === "1" && s["column"] === "1" && /got: PERIOD/.test(get(s, "detail"))
        ? `${code(get(s, "file"))} starts with a \`.\` on line 1: the file holds something that is not Terraform, typically a path such as \`../main.tf\` written to point at another file. Terraform does not follow such references; it loads every \`.tf\` file in the directory as configuration.`
        : `${code(get(s, "file"))} does not parse at line ${get(s, "line")}, column ${get(s, "column")}: ${code(get(s, "detail"))}.`,
    fix: (s) =>
      s["line"] === "1" && s["column"] === "1" && /got: PERIOD/.test(get(s, "detail"))
        ? `Replace the content of ${code(get(s, "file"))} with real configuration, or run Terraform in the directory that holds it; to reuse another directory, call it as a module (\`module "x" { source = "../path" }\`).`
        : `Fix the syntax at line ${get(s, "line")} of ${code(get(s, "file"))} and run \`terraform validate\`.`,
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "terraform-hcl-parse-error",
    category: "syntax_hcl",
    title: "Terraform cannot parse the configuration",
    test: [new RegExp(`Error: (${PARSE_ERRORS.join("|").replace(/\//g, "\\/")})\\b`)],
    extract: (m) => {
      const source = /^\s*\d+:\s(.*\S)\s*$/m.exec(m.input.slice(m.index, m.index + 600))?.[1];
      return located(m, { summary: m[1], source });
    },
    rootCause: (s) =>
      `The HCL does not parse${where(s)}: ${get(s, "summary")}${s["source"] ? `, at ${code(get(s, "source"))}` : ""}.`,
    fix: (s) =>
      `Correct the syntax${where(s)}${s["source"] && /^[\])}]/.test(get(s, "source")) ? `: ${code(get(s, "source"))} closes something that was never opened, so remove it or add what it closes` : ": look for a stray or missing bracket, brace, quote, comma or newline on that line or just before it"}, then run \`terraform fmt\` and \`terraform validate\`.`,
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "terraform-fmt-check",
    category: "syntax_hcl",
    title: "terraform fmt -check found unformatted files",
    test: [/^##\[error\](?:Process completed with exit code|Terraform exited with code) 3\.$/m],
    extract: (_m, context) => {
      if (!/^##\[group\]Run (?:terraform|tofu) fmt\b[^\n]*-check/m.test(context.input.text)) return null;
      return compact({ files: fmtFiles(context) });
    },
    evidenceBefore: 8,
    evidenceAfter: 0,
    rootCause: (s) =>
      `\`terraform fmt -check\` exited with code 3: ${s["files"] ? `these files are not in canonical format: ${get(s, "files")}` : "some files are not in canonical format"}.`,
    fix: () =>
      "Run `terraform fmt -recursive` and commit the result; a pre-commit hook keeps it from happening again.",
    confidence: 0.93,
    autoFixable: true,
  },
];
