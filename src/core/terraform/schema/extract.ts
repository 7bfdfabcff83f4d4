import { type JsiiAssembly, type JsiiProperty, type JsiiTypeRef, jsiiAssemblySchema } from "./jsii.js";
import type { RawBlock, RawNestedBlock, RawTypeSchema, SchemaFile } from "./format.js";
import { defaultDocPath } from "./format.js";

const RESOURCE_BASE = "cdktf.TerraformResource";
const DATA_SOURCE_BASE = "cdktf.TerraformDataSource";
const PROVIDER_BASE = "cdktf.TerraformProvider";
// Newer cdktf unrolls recursive schemas to a fixed depth; older bindings (the 4.x line) reference a struct
// from inside itself (WAFv2 statements). Past this depth, or on such a cycle, a block is kept opaque.
const MAX_DEPTH = 8;

/**
 * `{@link https://registry.terraform.io/... label}` — the link jsii docs carry for every type and property;
 * bindings built before 2023 (the 4.x line) link `https://www.terraform.io/docs/providers/aws/...`.
 */
const REGISTRY_LINK =
  /\{@link (https:\/\/(?:registry\.terraform\.io\/providers|www\.terraform\.io\/docs\/providers)\/[^\s}]+) ([^\s}]+)\}/;
const OLD_DOCS_HOST = "https://www.terraform.io/";

/**
 * Turns the @cdktf/provider-aws jsii assembly into the compact schema file. Names come from the registry
 * links in the docs (they hold Terraform's own snake_case names); re-snake-casing the camelCase
 * property names would be lossy (`address1` is `address_1`, `fetchPasswordData` is `get_password_data`).
 */
export function extractProviderSchema(
  input: unknown,
  options: { providerVersion?: string | undefined } = {},
): SchemaFile {
  const parsed = jsiiAssemblySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not a jsii assembly: ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`);
  }
  const assembly = parsed.data;
  const { docsBase: linked, configFqn: providerConfig } = providerClass(assembly);
  // Older bindings do not record the provider version in their links: the caller says which it was.
  const providerVersion = /\/hashicorp\/aws\/([^/]+)\/docs/.exec(linked)?.[1] ?? options.providerVersion;
  if (providerVersion === undefined) throw new Error(`cannot read the AWS provider version from ${linked}`);
  const docsBase = linked.startsWith(OLD_DOCS_HOST)
    ? `https://registry.terraform.io/providers/hashicorp/aws/${providerVersion}/docs`
    : linked;

  const resources: Record<string, RawTypeSchema> = {};
  const dataSources: Record<string, RawTypeSchema> = {};
  for (const fqn of Object.keys(assembly.types).sort()) {
    const type = assembly.types[fqn];
    if (type?.kind !== "class") continue;
    const kind =
      type.base === RESOURCE_BASE ? "resource" : type.base === DATA_SOURCE_BASE ? "data" : undefined;
    if (kind === undefined) continue;
    const link = REGISTRY_LINK.exec(type.docs?.summary ?? "");
    if (!link?.[1] || !link[2]) throw new Error(`${fqn}: no registry link in its docs`);
    const [url, tfType] = [link[1], link[2]];
    const configFqn = type.initializer?.parameters?.find((p) => p.name === "config")?.type.fqn;
    if (configFqn === undefined) throw new Error(`${fqn}: no config parameter`);
    const schema: RawTypeSchema = convertStruct(assembly, configFqn, 0);
    const computed = computedOnly(assembly, type.properties ?? [], configFqn);
    if (computed.length > 0) schema.c = computed;
    const docPath = url.startsWith(`${docsBase}/`) ? url.slice(docsBase.length + 1) : url;
    if (!url.startsWith(OLD_DOCS_HOST) && docPath !== defaultDocPath(kind, tfType)) schema.u = docPath;
    (kind === "resource" ? resources : dataSources)[tfType] = schema;
  }
  return {
    format: 1,
    source: {
      package: assembly.name,
      packageVersion: assembly.version,
      provider: "hashicorp/aws",
      providerVersion,
    },
    docsBase,
    provider: convertStruct(assembly, providerConfig, 0),
    resources,
    dataSources,
  };
}

/**
 * Attributes the class exposes that its config does not take: set by the provider, never by the user.
 * Their docs carry no registry link, so the name is snake_cased from camelCase; the validator compares
 * names without underscores, so the lossy digit cases (`address1`) still match.
 */
function computedOnly(assembly: JsiiAssembly, properties: JsiiProperty[], configFqn: string): string[] {
  const settable = new Set((assembly.types[configFqn]?.properties ?? []).map((p) => p.name));
  return properties
    .filter((p) => !p.static && !p.name.endsWith("Input") && !settable.has(p.name))
    .map((p) => p.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))
    .sort();
}

function providerClass(assembly: JsiiAssembly): { docsBase: string; configFqn: string } {
  const provider = Object.values(assembly.types).find((t) => t.kind === "class" && t.base === PROVIDER_BASE);
  const url = REGISTRY_LINK.exec(provider?.docs?.summary ?? "")?.[1];
  if (url === undefined) throw new Error("no TerraformProvider class with a registry link in the assembly");
  const configFqn = provider?.initializer?.parameters?.find((p) => p.name === "config")?.type.fqn;
  if (configFqn === undefined) throw new Error(`${provider?.fqn ?? "provider"}: no config parameter`);
  return { docsBase: url.replace(/\/$/, ""), configFqn };
}

function convertStruct(assembly: JsiiAssembly, fqn: string, depth: number): RawBlock {
  const struct = assembly.types[fqn];
  if (!struct || struct.kind !== "interface") throw new Error(`${fqn}: struct not found in the assembly`);
  const attributes: Record<string, string> = {};
  const blocks: Record<string, RawNestedBlock> = {};
  const props = (struct.properties ?? [])
    .filter((p) => !p.static)
    .map((p) => ({ p, name: terraformName(p) }));
  props.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const { p, name } of props) {
    if (isBlock(p)) blocks[name] = convertBlock(assembly, p, depth);
    else attributes[name] = `${p.optional ? "" : "!"}${typeName(assembly, p.type)}`;
  }
  const block: RawBlock = {};
  if (Object.keys(attributes).length > 0) block.a = attributes;
  if (Object.keys(blocks).length > 0) block.b = blocks;
  return block;
}

function convertBlock(assembly: JsiiAssembly, p: JsiiProperty, depth: number): RawNestedBlock {
  const ref = withoutResolvable(p.type);
  const single = ref.fqn !== undefined && isStruct(assembly, ref.fqn) ? ref.fqn : undefined;
  const element = ref.collection?.elementtype.fqn;
  const repeated = element !== undefined && isStruct(assembly, element) ? element : undefined;
  const structFqn = single ?? repeated;
  const recursive = depth >= MAX_DEPTH;
  const block: RawNestedBlock = structFqn && !recursive
    ? { n: single ? "s" : "l", ...convertStruct(assembly, structFqn, depth + 1) }
    : { n: single ? "s" : "l", x: 1 };
  if (!p.optional) block.r = 1;
  // Keep `n`, `r`, `x` first so the file reads naturally.
  const { n, r, x, a, b } = block;
  return { n, ...(r ? { r } : {}), ...(x ? { x } : {}), ...(a ? { a } : {}), ...(b ? { b } : {}) };
}

/** cdktf documents a nested block with the summary "<name> block."; attributes never read like that. */
function isBlock(p: JsiiProperty): boolean {
  return /^[A-Za-z0-9_]+ block\.?$/.test(p.docs?.summary ?? "");
}

function terraformName(p: JsiiProperty): string {
  const text = `${p.docs?.summary ?? ""} ${p.docs?.remarks ?? ""}`;
  const fragment = /\{@link https:\/\/(?:registry|www)\.terraform\.io\/[^\s}#]*#([A-Za-z0-9_]+)[\s}]/.exec(
    text,
  )?.[1];
  return fragment ?? p.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function isStruct(assembly: JsiiAssembly, fqn: string): boolean {
  const t = assembly.types[fqn];
  return t?.kind === "interface" && t.datatype === true;
}

function withoutResolvable(ref: JsiiTypeRef): JsiiTypeRef {
  if (!ref.union) return ref;
  const rest = ref.union.types.filter((t) => t.fqn !== "cdktf.IResolvable");
  if (rest.length === 1 && rest[0]) return rest[0];
  if (rest.some((t) => t.primitive === "boolean")) return { primitive: "boolean" };
  return { primitive: "any" };
}

/** Terraform's type notation: string, number, bool, list(string), map(object), any. */
function typeName(assembly: JsiiAssembly, input: JsiiTypeRef): string {
  const ref = withoutResolvable(input);
  if (ref.primitive !== undefined) return ref.primitive === "boolean" ? "bool" : ref.primitive;
  if (ref.fqn !== undefined) return isStruct(assembly, ref.fqn) ? "object" : "any";
  if (ref.collection) {
    const element = typeName(assembly, ref.collection.elementtype);
    return `${ref.collection.kind === "map" ? "map" : "list"}(${element})`;
  }
  return "any";
}
