import type { RawBlock, RawNestedBlock, RawTypeSchema, SchemaFile } from "./format.js";

/**
 * A provider line read from a @cdktf assembly, laid over the terraform-derived base. The assembly cannot
 * say what terraform's schema JSON says (deprecation, set vs list, exact types, min/max counts), so only
 * what it can state is taken from it: which types, arguments and blocks exist, and which are required.
 * Everything else is kept from the base, so the stored difference is the provider's, not the formats'.
 */
export function reconcileWithAssembly(base: SchemaFile, assembly: SchemaFile): SchemaFile {
  const types = (from: Record<string, RawTypeSchema>, to: Record<string, RawTypeSchema>) => {
    const out: Record<string, RawTypeSchema> = {};
    for (const name of Object.keys(to).sort()) {
      const line = to[name] as RawTypeSchema;
      const known = from[name];
      out[name] = known === undefined ? line : reconcileType(known, line);
    }
    return out;
  };
  return {
    format: 2,
    source: assembly.source,
    docsBase: assembly.docsBase,
    provider: reconcileBlock(base.provider, assembly.provider),
    resources: types(base.resources, assembly.resources),
    dataSources: types(base.dataSources, assembly.dataSources),
  };
}

function reconcileType(base: RawTypeSchema, line: RawTypeSchema): RawTypeSchema {
  const out: RawTypeSchema = { ...reconcileBlock(base, line) };
  if (base.u !== undefined) out.u = base.u;
  // Computed attributes only make references valid: keep the base's exact names, add the line's others.
  const known = new Set([...(base.c ?? []), ...Object.keys(base.a ?? {})].map(squash));
  // A name the line makes settable (6.x `region`) is an argument there, no longer computed-only.
  const settable = new Set(Object.keys(out.a ?? {}));
  const computed = [...(base.c ?? []), ...(line.c ?? []).filter((n) => !known.has(squash(n)))]
    .filter((n) => !settable.has(n))
    .sort();
  if (computed.length > 0) out.c = computed;
  if (base.d === 1) out.d = 1;
  return out;
}

function reconcileBlock(base: RawBlock, line: RawBlock): RawBlock {
  const attributes: Record<string, string> = {};
  const blocks: Record<string, RawNestedBlock> = {};
  for (const [name, spec] of Object.entries(line.a ?? {})) {
    const known = base.a?.[name];
    const asBlock = base.b?.[name];
    // Argument-or-block is how each source models a few names (security group `ingress`): keep terraform's.
    if (asBlock !== undefined && known === undefined) blocks[name] = asBlock;
    else attributes[name] = known !== undefined && sameAttribute(known, spec) ? known : spec;
  }
  for (const [name, nested] of Object.entries(line.b ?? {})) {
    const known = base.b?.[name];
    const asAttribute = base.a?.[name];
    if (known !== undefined) blocks[name] = reconcileNested(known, nested);
    else if (asAttribute !== undefined) attributes[name] = asAttribute;
    else blocks[name] = nested;
  }
  const out: RawBlock = {};
  if (Object.keys(attributes).length > 0) out.a = sorted(attributes);
  if (Object.keys(blocks).length > 0) out.b = sorted(blocks);
  return out;
}

function reconcileNested(base: RawNestedBlock, line: RawNestedBlock): RawNestedBlock {
  const single = base.n === "s" || base.M === 1;
  const out: RawNestedBlock = { n: base.n };
  if (line.r === 1) out.r = 1;
  if (line.r === 1 && base.m !== undefined) out.m = base.m;
  if (base.x === 1 || line.x === 1) out.x = 1;
  if (line.n === "s" && !single) out.M = 1;
  else if (line.n === "l" && base.n === "s") out.n = "l";
  else if (base.M !== undefined && !(line.n === "l" && base.M === 1)) out.M = base.M;
  if (base.d === 1) out.d = 1;
  const content = base.x === 1 || line.x === 1 ? base : reconcileBlock(base, line);
  return { ...out, ...(content.a ? { a: content.a } : {}), ...(content.b ? { b: content.b } : {}) };
}

/** Same argument as far as an assembly can tell: requiredness and the coarse type. */
function sameAttribute(base: string, line: string): boolean {
  const required = (spec: string) => spec.startsWith("!");
  if (required(base) !== required(line)) return false;
  const a = coarse(base);
  const b = coarse(line);
  return a === b || a.includes("any") || b.includes("any");
}

const coarse = (spec: string): string => spec.replace(/^!?~?/, "");
const squash = (name: string): string => name.replace(/_/g, "").toLowerCase();

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
