import { isTerraformJson } from "../files.js";
import type { Block, Finding, ParsedFile } from "../types.js";
import type { AwsProviderSchema, TypeSchema } from "../schema/index.js";
import { type LocatedFile, type LocatedNode, locate, topBlocks } from "../locate/index.js";
import { type CheckContext, checkBody, instances, squash } from "./block.js";
import { VALIDATION_CODES as CODES } from "./codes.js";
import { closestName } from "./suggest.js";

export { VALIDATION_CODES, type ValidationCode } from "./codes.js";
export { closestName, editDistance } from "./suggest.js";

/** Meta-arguments Terraform itself handles in resource and data blocks; never provider arguments. */
const RESOURCE_META = new Set([
  "count",
  "for_each",
  "depends_on",
  "lifecycle",
  "provider",
  "provisioner",
  "connection",
]);
const DATA_META = new Set(["count", "for_each", "depends_on", "lifecycle", "provider"]);
const PROVIDER_META = new Set(["alias", "version"]);

export interface ValidateInput extends Pick<ParsedFile, "path" | "body" | "content"> {
  /** Outline of `content`; computed when not given. */
  located?: LocatedFile;
}

/**
 * Checks every `aws_*` resource and data source in the files against the AWS provider schema. Other
 * providers' types, modules and Terraform's own blocks are left alone. Findings come sorted by file and line.
 */
export function validateAgainstSchema(files: readonly ValidateInput[], schema: AwsProviderSchema): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const located = file.located ?? locate(file.path, file.content);
    const ctx: CheckContext = { file: file.path, json: isTerraformJson(file.path), findings };
    checkProviders(ctx, file.body.provider?.["aws"], located, schema);
    for (const kind of ["resource", "data"] as const) {
      for (const [type, byName] of Object.entries(file.body[kind] ?? {})) {
        if (!type.startsWith("aws_")) continue;
        for (const [name, bodies] of Object.entries(byName)) {
          const nodes = topBlocks(located, kind, [type, name]);
          instances(bodies).forEach((body, i) => checkOne(ctx, schema, kind, type, name, body, nodes[i]));
        }
      }
    }
  }
  return sortFindings(findings);
}

function checkOne(
  ctx: CheckContext,
  schema: AwsProviderSchema,
  kind: "resource" | "data",
  type: string,
  name: string,
  body: Block,
  node: LocatedNode | undefined,
): void {
  const line = node?.line ?? null;
  const typeSchema = kind === "resource" ? schema.resource(type) : schema.dataSource(type);
  if (!typeSchema) {
    ctx.findings.push(unknownType(ctx.file, line, kind, type, schema));
    return;
  }
  const where = kind === "resource" ? `${type}.${name}` : `data.${type}.${name}`;
  if (typeSchema.deprecated) {
    const message = `${where}: ${kind === "resource" ? "resource" : "data source"} type "${type}" is deprecated by the provider (${schema.version.providerVersion})`;
    ctx.findings.push({
      file: ctx.file,
      line,
      severity: "warning",
      code: CODES.deprecatedType,
      message,
      suggestion: null,
    });
  }
  checkBody(ctx, body, typeSchema, node, where, {
    meta: kind === "resource" ? RESOURCE_META : DATA_META,
    checkRequired: true,
    computed: computedNames(typeSchema),
  });
}

/** `provider "aws" {}` blocks: `alias` and the legacy `version` are Terraform's, the rest the provider's. */
function checkProviders(
  ctx: CheckContext,
  bodies: unknown,
  located: LocatedFile,
  schema: AwsProviderSchema,
): void {
  const nodes = topBlocks(located, "provider", ["aws"]);
  instances(bodies).forEach((body, i) => {
    checkBody(ctx, body, schema.provider(), nodes[i], 'provider "aws"', {
      meta: PROVIDER_META,
      checkRequired: true,
    });
  });
}

const computedCache = new WeakMap<TypeSchema, ReadonlySet<string>>();
function computedNames(typeSchema: TypeSchema): ReadonlySet<string> {
  let names = computedCache.get(typeSchema);
  if (!names) computedCache.set(typeSchema, (names = new Set(typeSchema.computed.map(squash))));
  return names;
}

function unknownType(
  file: string,
  line: number | null,
  kind: "resource" | "data",
  type: string,
  schema: AwsProviderSchema,
): Finding {
  const isResource = kind === "resource";
  const code = isResource ? CODES.unknownResourceType : CODES.unknownDataSourceType;
  const noun = isResource ? "resource type" : "data source type";
  const otherKind = isResource ? schema.dataSource(type) : schema.resource(type);
  const { providerVersion } = schema.version;
  if (otherKind) {
    const message = isResource
      ? `"${type}" is a data source, not a resource: declare it as data "${type}"`
      : `"${type}" is a resource, not a data source: declare it as resource "${type}"`;
    return {
      file,
      line,
      severity: "error",
      code,
      message,
      suggestion: `${isResource ? "data" : "resource"} "${type}"`,
    };
  }
  const suggestion = closestName(type, isResource ? schema.resourceTypes() : schema.dataSourceTypes());
  const hint = suggestion ? ` — did you mean "${suggestion}"?` : "";
  const message = `unknown ${noun} "${type}" in the AWS provider ${providerVersion}${hint}`;
  return { file, line, severity: "error", code, message, suggestion };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
