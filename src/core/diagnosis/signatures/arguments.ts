// Arguments and values Terraform or the AWS API refuse: unsupported or missing arguments, block types, unknown-until-apply values, invalid values.
import {
  cleanMessage,
  code,
  codeOr,
  compact,
  get,
  groupIndex,
  paragraphAt,
  terraformLocation,
  where,
} from "../extract.js";
import { located } from "./hcl.js";
import { removedArgument } from "./removed.js";
import type { Signature, SignatureContext } from "../types.js";

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
  // Terraform only ever suggests an identifier; anything else in that spot was written by someone else.
  if (fromTerraform) return /^[A-Za-z_][\w-]{0,63}$/.test(fromTerraform) ? fromTerraform : undefined;
  if (type === "aws_s3_bucket" && S3_SPLIT[name]) return `the separate resource ${S3_SPLIT[name]}`;
  return type && context.suggestArgument ? context.suggestArgument(type, name) : undefined;
}

function didYouMean(s: Readonly<Record<string, string>>): string {
  const hint = s["suggestion"];
  if (!hint) return "";
  return hint.startsWith("the separate resource")
    ? ` Since AWS provider v4 this lives in ${hint}.`
    : ` Did you mean ${code(hint)}?`;
}

/** Who owns the argument: a resource, a module call (its inputs), or a block we cannot name. */
function owner(s: Readonly<Record<string, string>>): string {
  if (s["module"]) return `the call to module ${code(get(s, "module"))}`;
  if (s["address"]) return code(get(s, "address"));
  return "a block";
}

function unsupportedRootCause(s: Readonly<Record<string, string>>): string {
  const what = `${owner(s)} sets ${code(get(s, "argument"))}${where(s)}`;
  if (s["removedIn"])
    return `${what}, which the AWS provider removed in v${get(s, "removedIn")}.0: the provider installed${s["providerVersion"] ? ` (v${get(s, "providerVersion")})` : ""} is newer than the configuration was written for. Use ${get(s, "instead")} instead.`;
  if (s["module"])
    return `${what}, but the version of the module that was installed has no input of that name: it was renamed or removed in a newer module release (an unpinned \`version\` picked it up).${didYouMean(s)}`;
  return `${what}, which ${s["resourceType"] ? code(get(s, "resourceType")) : "that block"} does not accept.${didYouMean(s)}`;
}

function unsupportedFix(s: Readonly<Record<string, string>>): string {
  if (s["removedIn"])
    return `Either update the configuration to the v${get(s, "removedIn")} provider (replace ${code(get(s, "argument"))} with ${get(s, "instead")}; the provider's v${get(s, "removedIn")} upgrade guide lists every change), or pin the provider below it (${code(`version = "< ${get(s, "removedIn")}.0"`)} in \`required_providers\`) until you can.`;
  if (s["module"])
    return `Check the module's changelog for the new name of ${code(get(s, "argument"))} and rename it${where(s)}${s["suggestion"] ? ` (likely ${code(get(s, "suggestion"))})` : ""}, or pin the module's \`version\` to the release the configuration was written for.`;
  if (s["suggestion"])
    return `Replace ${code(get(s, "argument"))}${where(s)} with ${s["suggestion"].startsWith("the separate") ? s["suggestion"] : code(s["suggestion"])}, then run \`terraform validate\`.`;
  return `Remove ${code(get(s, "argument"))}${where(s)} or rename it to the argument in the resource's documentation for the provider version in the lock file, then run \`terraform validate\`.`;
}

export const argumentSignatures: Signature[] = [
  {
    id: "terraform-unsupported-argument",
    category: "invalid_argument",
    title: "A block sets an argument its schema does not have",
    test: [
      /(?:Error: Unsupported argument[\s\S]{0,600}?)?An\s+argument\s+named\s+"([^"]+)"\s+is\s+not\s+expected\s+here\.(?!\s+Did\s+you\s+mean\s+to\s+define)(?:\s+Did\s+you\s+mean\s+"([^"]+)"\?)?/,
    ],
    extract: (m, context) => {
      const loc = terraformLocation(m.input, m.index);
      const argument = m[1] ?? "";
      const removed = removedArgument(loc.resourceType, argument);
      const providerVersion = /hashicorp\/aws v(\d+\.\d+\.\d+)/.exec(context.input.text)?.[1];
      return compact({
        argument,
        file: loc.file,
        line: loc.line,
        address: loc.address,
        resourceType: loc.resourceType,
        module: loc.module,
        suggestion: loc.module
          ? m[2] && /^[A-Za-z_][\w-]{0,63}$/.test(m[2])
            ? m[2]
            : undefined
          : suggestion(context, loc.resourceType, argument, m[2]),
        removedIn: removed ? String(removed.major) : undefined,
        instead: removed?.instead,
        providerVersion,
      });
    },
    rootCause: unsupportedRootCause,
    fix: unsupportedFix,
    confidence: 0.95,
    // Only a rename the schema (or Terraform) names is mechanical; a removal or a module input is not.
    autoFixable: (s) =>
      Boolean(s["suggestion"]) &&
      !s["removedIn"] &&
      !s["module"] &&
      !s["suggestion"]?.startsWith("the separate"),
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
      `${s["address"] ? code(get(s, "address")) : "A block"}${where(s)} does not set ${code(get(s, "argument"))}, which is required.`,
    fix: (s) =>
      `Set ${code(get(s, "argument"))} in ${s["address"] ? code(get(s, "address")) : "that block"}${where(s)} (its documentation says which values it takes) and run \`terraform validate\`.`,
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "terraform-unsupported-block-type",
    category: "invalid_argument",
    title: "A resource has a nested block its schema does not have",
    test: [
      /Error: Unsupported block type[\s\S]{0,600}?Blocks\s+of\s+type\s+"([^"]+)"\s+are\s+not\s+expected\s+here\.(?!\s+Did\s+you\s+mean\s+to\s+define)(?:\s+Did\s+you\s+mean\s+"([^"]+)"\?)?/,
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
      `${s["address"] ? code(get(s, "address")) : "A block"}${where(s)} contains a ${code(get(s, "block"))} block that its type does not accept.${didYouMean(s)}`,
    fix: (s) =>
      s["suggestion"]?.startsWith("the separate resource")
        ? `Move the ${code(get(s, "block"))} block out of ${codeOr(s, "address", "the bucket resource")} into ${s["suggestion"]} that references the bucket.`
        : `Rename or remove the ${code(get(s, "block"))} block${where(s)} as the resource's documentation for the installed provider version describes.`,
    confidence: 0.94,
    autoFixable: false,
  },
  {
    id: "terraform-unknown-until-apply",
    category: "invalid_argument",
    title: "for_each or count depends on values known only after apply",
    test: [
      /Error: Invalid (for_each|count) argument[\s\S]{0,1500}?cannot be determined until apply/,
      /The "(for_each|count)" (?:map includes keys derived from|set includes values derived from|value depends on) resource attributes that cannot be determined until apply/,
    ],
    extract: (m) => {
      const loc = terraformLocation(
        m.input,
        m.input.lastIndexOf("Error:", m.index + 7) >= 0
          ? Math.max(0, m.input.lastIndexOf("Error:", m.index + 7))
          : m.index,
      );
      const expression = /^\s*\d+:\s+(?:for_each|count)\s*=\s*(.*\S)\s*$/m.exec(
        m.input.slice(Math.max(0, m.index - 800), m.index + 800),
      )?.[1];
      return compact({ meta: m[1], file: loc.file, line: loc.line, address: loc.address, expression });
    },
    rootCause: (s) =>
      `The ${code(get(s, "meta"))} of ${s["address"] ? code(get(s, "address")) : "a resource"}${where(s)} is computed from values Terraform only learns during apply${s["expression"] ? ` (${code(get(s, "expression"))})` : ""}, so it cannot decide at plan time which instances to create. This shows up on a fresh deployment, when the values come from resources that do not exist yet.`,
    fix: (s) =>
      s["meta"] === "count"
        ? "Base `count` on values known at plan time (variables, locals, lengths of static lists) instead of resource attributes; or apply in two steps, first `terraform apply -target=` the resources it depends on."
        : "Build the `for_each` keys from values known at plan time (static names from variables or locals) and put apply-time results only in the map values; or apply in two steps, first `terraform apply -target=` the resources the keys depend on.",
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "terraform-for-each-wrong-type",
    category: "invalid_argument",
    title: "for_each was given a list",
    test: [
      /the "for_each" argument must be a map, or set of strings, and you have provided a value of type (list|tuple)/,
    ],
    extract: (m) => {
      const loc = terraformLocation(m.input, Math.max(0, m.input.lastIndexOf("Error:", m.index)));
      return compact({ type: m[1], file: loc.file, line: loc.line, address: loc.address });
    },
    rootCause: (s) =>
      `\`for_each\`${s["address"] ? ` on ${code(get(s, "address"))}` : ""}${where(s)} was given a ${get(s, "type")}; it accepts only a map or a set of strings, so each instance has a stable key.`,
    fix: (s) =>
      `Wrap the value in \`toset(...)\` (for a list of strings)${where(s)}, or build a map keyed by a stable name: \`{ for x in var.items : x.name => x }\`.`,
    confidence: 0.95,
    autoFixable: false,
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
      `${code(get(s, "argument"))}${s["address"] ? ` in ${code(get(s, "address"))}` : ""}${where(s)} has a value the provider rejects: expected ${code(get(s, "expected"))}${s["got"] ? `, got ${code(get(s, "got"))}` : ""}.`,
    fix: (s) =>
      `Set ${code(get(s, "argument"))}${where(s)} to a value that satisfies ${code(get(s, "expected"))}.`,
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "aws-rds-unsupported-combination",
    category: "invalid_argument",
    title: "RDS does not offer this engine version or instance class",
    test: [
      /Cannot find version ([\w.-]+) for ([\w-]+)/,
      /RDS does not support creating a DB instance with the following combination: ([\s\S]{0,400}?)\.(?:\s|$)/,
    ],
    extract: (m) => {
      const loc = terraformLocation(m.input, Math.max(0, m.input.lastIndexOf("Error", m.index)));
      if (m[0].startsWith("Cannot find version"))
        return compact({ version: m[1], engine: m[2], address: loc.address, file: loc.file, line: loc.line });
      const field = (name: string) => new RegExp(`${name}=([^,\\s]+)`).exec(m[1] ?? "")?.[1];
      return compact({
        instanceClass: field("DBInstanceClass"),
        engine: field("Engine"),
        version: field("EngineVersion"),
        address: loc.address,
        file: loc.file,
        line: loc.line,
      });
    },
    rootCause: (s) =>
      s["instanceClass"]
        ? `RDS no longer offers ${code(get(s, "instanceClass"))} with ${get(s, "engine")} ${code(get(s, "version"))}${s["address"] ? ` for ${code(get(s, "address"))}` : ""}${where(s)}: older instance classes are not available for newer engine versions (and an unpinned \`engine_version\` moves to the newest default).`
        : `RDS does not offer ${get(s, "engine")} version ${code(get(s, "version"))}${s["address"] ? ` for ${code(get(s, "address"))}` : ""}${where(s)} in this region any more: old minor and major versions are retired.`,
    fix: (s) =>
      `List what RDS offers with \`aws rds describe-orderable-db-instance-options --engine ${get(s, "engine")}${s["instanceClass"] ? ` --db-instance-class ${get(s, "instanceClass")}` : ""}\` (or ${code(`aws rds describe-db-engine-versions --engine ${get(s, "engine")}`)}), then set a supported \`engine_version\`${s["instanceClass"] ? " and `instance_class` (e.g. a current generation such as db.t3 or db.t4g)" : ""}${where(s)}.`,
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "aws-api-validation-error",
    category: "invalid_argument",
    title: "AWS rejected a parameter",
    test: [
      /(?:api error )?(ValidationError|ValidationException|InvalidParameterValue(?:Exception)?|InvalidParameterCombination|InvalidParameterException|MalformedPolicyDocument(?:Exception)?|InvalidInput): ([^\n]+)/,
    ],
    extract: (m) => {
      // Only AWS API answers: a Python `pydantic...ValidationError:` is not an AWS parameter problem.
      const before = m.input.slice(Math.max(0, m.index - 600), m.index + 10);
      const after = m.input.slice(m.index, m.index + 600);
      if (!/operation\s+error\s|api error/.test(before) && !/status code: 4\d\d/i.test(after)) return null;
      const message = cleanMessage(paragraphAt(m.input, groupIndex(m, 2)));
      // Throttling wrapped in a validation error is a rate limit, not a bad parameter.
      if (/throttl|rate limit|RequestLimitExceeded/i.test(message)) return null;
      return located(m, { code: m[1], message });
    },
    rootCause: (s) =>
      `AWS refused the request${s["address"] ? ` for ${code(get(s, "address"))}` : ""} with ${code(get(s, "code"))}: ${code(get(s, "message"))}`,
    fix: (s) =>
      `Correct the argument AWS names in the message${where(s)}; the provider does not validate every constraint before calling the API.`,
    confidence: 0.75,
    autoFixable: false,
  },
];
