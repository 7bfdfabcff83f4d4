import { compact, get, groupIndex, paragraphAt, terraformLocation, where } from "../extract.js";
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

function located(m: RegExpExecArray, extra: Record<string, string | undefined> = {}): Record<string, string> {
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
    id: "terraform-invalid-block-definition",
    category: "syntax_hcl",
    title: "Terraform cannot parse a block definition",
    test: [/Error: Invalid block definition/],
    extract: (m) => located(m),
    rootCause: (s) =>
      `A block header is malformed${where(s)}: Terraform expects \`type "label" "label" {\` with quoted labels and the opening brace on the same line.`,
    fix: (s) =>
      `Fix the block header${where(s)}: quote each label and put \`{\` at the end of the line, e.g. \`resource "aws_s3_bucket" "logs" {\`. Run \`terraform fmt\` and \`terraform validate\` locally to confirm.`,
    confidence: 0.95,
    autoFixable: true,
  },
  {
    id: "terraform-hcl-parse-error",
    category: "syntax_hcl",
    title: "Terraform cannot parse the configuration",
    test: [new RegExp(`Error: (${PARSE_ERRORS.join("|").replace(/\//g, "\\/")})\\b`)],
    extract: (m) => located(m, { summary: m[1] }),
    rootCause: (s) => `The HCL does not parse${where(s)}: ${get(s, "summary")}.`,
    fix: (s) =>
      `Correct the syntax${where(s)} (a missing quote, brace, comma or newline is the usual cause), then run \`terraform fmt\` and \`terraform validate\` locally.`,
    confidence: 0.9,
    autoFixable: true,
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

const S3_SPLIT: Record<string, string> = {
  versioning: "aws_s3_bucket_versioning",
  server_side_encryption_configuration: "aws_s3_bucket_server_side_encryption_configuration",
  lifecycle_rule: "aws_s3_bucket_lifecycle_configuration",
  logging: "aws_s3_bucket_logging",
  website: "aws_s3_bucket_website_configuration",
  cors_rule: "aws_s3_bucket_cors_configuration",
  replication_configuration: "aws_s3_bucket_replication_configuration",
  object_lock_configuration: "aws_s3_bucket_object_lock_configuration",
  acl: "aws_s3_bucket_acl",
  policy: "aws_s3_bucket_policy",
  grant: "aws_s3_bucket_acl",
};

function suggestion(
  context: SignatureContext,
  type: string | undefined,
  name: string,
  fromTerraform?: string,
): string | undefined {
  if (fromTerraform) return fromTerraform;
  if (type === "aws_s3_bucket" && S3_SPLIT[name]) return `the separate resource ${S3_SPLIT[name]}`;
  return type && context.suggestArgument ? context.suggestArgument(type, name) : undefined;
}

function didYouMean(s: Readonly<Record<string, string>>): string {
  const hint = s["suggestion"];
  if (!hint) return "";
  return hint.startsWith("the separate resource")
    ? ` Since AWS provider v4 this lives in ${hint}.`
    : ` Did you mean \`${hint}\`?`;
}

export const argumentSignatures: Signature[] = [
  {
    id: "terraform-unsupported-argument",
    category: "invalid_argument",
    title: "A resource has an argument the AWS provider does not know",
    test: [
      /Error: Unsupported argument[\s\S]{0,600}?An\s+argument\s+named\s+"([^"]+)"\s+is\s+not\s+expected\s+here\.(?:\s+Did\s+you\s+mean\s+"([^"]+)"\?)?/,
    ],
    extract: (m, context) => {
      const loc = terraformLocation(m.input, m.index);
      const argument = m[1] ?? "";
      return compact({
        argument,
        file: loc.file,
        line: loc.line,
        address: loc.address,
        resourceType: loc.resourceType,
        suggestion: suggestion(context, loc.resourceType, argument, m[2]),
      });
    },
    rootCause: (s) =>
      `\`${get(s, "address", get(s, "resourceType", "A block"))}\` sets \`${get(s, "argument")}\`${where(s)}, which ${s["resourceType"] ? `\`${get(s, "resourceType")}\`` : "this block"} does not accept.${didYouMean(s)}`,
    fix: (s) =>
      s["suggestion"]
        ? `Replace \`${get(s, "argument")}\`${where(s)} with ${s["suggestion"].startsWith("the separate") ? s["suggestion"] : `\`${s["suggestion"]}\``}, then run \`terraform validate\`.`
        : `Remove \`${get(s, "argument")}\`${where(s)} or rename it to the argument in the resource's documentation, then run \`terraform validate\`.`,
    confidence: 0.95,
    autoFixable: true,
  },
  {
    id: "terraform-missing-required-argument",
    category: "invalid_argument",
    title: "A required argument is missing",
    test: [
      /Error: Missing required argument[\s\S]{0,600}?The\s+argument\s+"([^"]+)"\s+is\s+required,\s+but\s+no\s+definition\s+was\s+found\./,
    ],
    extract: (m) => located(m, { argument: m[1] }),
    rootCause: (s) =>
      `\`${get(s, "address", "A block")}\`${where(s)} does not set \`${get(s, "argument")}\`, which is required.`,
    fix: (s) =>
      `Add \`${get(s, "argument")} = …\` to \`${get(s, "address", "the block")}\`${where(s)} and run \`terraform validate\`.`,
    confidence: 0.95,
    autoFixable: true,
  },
  {
    id: "terraform-unsupported-block-type",
    category: "invalid_argument",
    title: "A resource has a nested block the AWS provider does not know",
    test: [
      /Error: Unsupported block type[\s\S]{0,600}?Blocks\s+of\s+type\s+"([^"]+)"\s+are\s+not\s+expected\s+here\.(?:\s+Did\s+you\s+mean\s+"([^"]+)"\?)?/,
    ],
    extract: (m, context) => {
      const loc = terraformLocation(m.input, m.index);
      const block = m[1] ?? "";
      return compact({
        block,
        file: loc.file,
        line: loc.line,
        address: loc.address,
        resourceType: loc.resourceType,
        suggestion: suggestion(context, loc.resourceType, block, m[2]),
      });
    },
    rootCause: (s) =>
      `\`${get(s, "address", "A block")}\`${where(s)} contains a \`${get(s, "block")}\` block that its type does not accept.${didYouMean(s)}`,
    fix: (s) =>
      s["suggestion"]?.startsWith("the separate resource")
        ? `Move the \`${get(s, "block")}\` block out of \`${get(s, "address")}\` into ${s["suggestion"]} that references the bucket.`
        : `Rename or remove the \`${get(s, "block")}\` block${where(s)} as the resource's documentation describes.`,
    confidence: 0.94,
    autoFixable: true,
  },
  {
    id: "terraform-invalid-attribute-value",
    category: "invalid_argument",
    title: "An argument has a value the provider rejects",
    test: [
      /Error: expected ([\w.]+) to be ((?:one of \[[^\]]*\])|(?:in the range \([^)]*\))|[^,\n]+), got ([^\n]*)/,
      /Error: invalid value for ([\w.]+) \(([^)]+)\)()/,
      /Error: Incorrect attribute value type[\s\S]{0,600}?Inappropriate\s+value\s+for\s+attribute\s+"([^"]+)":\s+([^\n]+)()/,
    ],
    extract: (m) => located(m, { argument: m[1], expected: m[2], got: m[3] }),
    rootCause: (s) =>
      `\`${get(s, "argument")}\`${s["address"] ? ` in \`${get(s, "address")}\`` : ""}${where(s)} has a value the AWS provider rejects: expected ${get(s, "expected")}${s["got"] ? `, got \`${get(s, "got")}\`` : ""}.`,
    fix: (s) => `Set \`${get(s, "argument")}\`${where(s)} to a value that satisfies: ${get(s, "expected")}.`,
    confidence: 0.9,
    autoFixable: true,
  },
  {
    id: "aws-api-validation-error",
    category: "invalid_argument",
    title: "AWS rejected a parameter",
    test: [
      /(?:api error )?(ValidationError|ValidationException|InvalidParameterValue|InvalidParameterCombination|InvalidParameterException|MalformedPolicyDocument|InvalidInput): ([^\n]+)/,
    ],
    extract: (m) => {
      // Only AWS API answers: a Python `pydantic...ValidationError:` is not an AWS parameter problem.
      const before = m.input.slice(Math.max(0, m.index - 600), m.index + 10);
      if (!/operation\s+error\s|api error/.test(before)) return null;
      return located(m, { code: m[1], message: paragraphAt(m.input, groupIndex(m, 2)) });
    },
    rootCause: (s) =>
      `AWS refused the request${s["address"] ? ` for \`${get(s, "address")}\`` : ""} with ${get(s, "code")}: ${get(s, "message")}`,
    fix: (s) =>
      `Correct the argument AWS names in the message${where(s)}; the provider does not validate every constraint before calling the API.`,
    confidence: 0.75,
    autoFixable: true,
  },
];
