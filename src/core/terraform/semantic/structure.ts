import type { Declared } from "./declarations.js";
import { localSource } from "./declarations.js";
import { type SemanticContext, didYouMean, report } from "./context.js";

/** Providers Terraform's implied `hashicorp/<name>` source gets right. */
const HASHICORP = new Set(
  "terraform archive random null tls local time http external cloudinit template dns aws".split(" "),
);
const MODULE_META = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

/** Two declarations of one name in a module: Terraform refuses the whole configuration. */
export function checkDuplicates(ctx: SemanticContext): void {
  const m = ctx.module;
  const kinds: [string, string, Map<string, Declared[]>][] = [
    ["duplicate_resource", "resource", m.resources],
    ["duplicate_data_source", "data source", m.data],
    ["duplicate_variable", "variable", m.variables],
    ["duplicate_output", "output", m.outputs],
    ["duplicate_module", "module call", m.modules],
    ["duplicate_local", "local value", m.locals],
  ];
  for (const [code, noun, map] of kinds)
    for (const [name, declared] of map)
      for (const extra of declared.slice(1)) {
        const first = declared[0] as Declared;
        const where = `${first.file}${first.line === null ? "" : `:${first.line}`}`;
        report(
          ctx,
          extra.file,
          extra.line,
          code,
          `duplicate ${noun} "${name}": already declared at ${where}`,
          null,
        );
      }
}

/** Calls of local modules pass every required input and nothing the module does not declare. */
export function checkModuleCalls(ctx: SemanticContext): void {
  for (const [name, calls] of ctx.module.modules)
    for (const call of calls) {
      const dir = localSource(ctx.module.dir, call.body["source"]);
      const child = dir === null ? undefined : ctx.modules.get(dir);
      if (child === undefined) continue;
      const passed = Object.keys(call.body).filter((k) => !MODULE_META.has(k));
      for (const input of passed)
        if (!child.variables.has(input)) {
          const { hint, name: suggestion } = didYouMean(input, child.variables.keys());
          const message = `module "${name}" (${dir}) has no input variable "${input}"${hint}`;
          report(ctx, call.file, call.line, "unknown_module_input", message, suggestion);
        }
      for (const [variable, declared] of child.variables) {
        const body = declared[0]?.body ?? {};
        if ("default" in body || passed.includes(variable)) continue;
        const message = `module "${name}" (${dir}) requires input "${variable}", which is not set`;
        report(ctx, call.file, call.line, "missing_module_input", message, `${variable} = ...`);
      }
    }
}

/**
 * A resource or data source whose provider is not in `required_providers` gets Terraform's guess
 * (`hashicorp/<local name>`), which is wrong for community providers: a warning, since the guess is right
 * for hashicorp ones. The local name is what Terraform uses: the `provider = <name>.<alias>` meta-argument
 * when set, else the type's prefix (`external` for `data "external"`, `datadog` for `datadog_monitor`).
 * Built-ins (`terraform_data`, `terraform_remote_state`) need no requirement.
 */
export function checkProviderRequirements(ctx: SemanticContext): void {
  // A module without required_providers is not exempt: Terraform guesses for it too (a child module does
  // not inherit its caller's requirements).
  const required = ctx.module.requiredProviders;
  const seen = new Set<string>();
  for (const [map, noun] of [
    [ctx.module.resources, ""],
    [ctx.module.data, "data."],
  ] as const)
    for (const [key, declared] of map) {
      const first = declared[0] as Declared;
      const provider = providerLocalName(key, first.body["provider"]);
      if (provider === null || required.has(provider) || seen.has(provider) || HASHICORP.has(provider))
        continue;
      seen.add(provider);
      const message = `"${noun}${key}" uses provider "${provider}", which required_providers does not list; Terraform will assume hashicorp/${provider}`;
      const suggestion = `${provider} = { source = "hashicorp/${provider}" }`;
      report(ctx, first.file, first.line, "provider_not_required", message, suggestion, "warning");
    }
}

const PROVIDER_REF = /^\$\{\s*([a-zA-Z][a-zA-Z0-9_-]*)(?:\.[a-zA-Z0-9_-]+)?\s*\}$/;

/** The provider local name of `<type>.<name>`; null when the `provider` argument is not a plain reference. */
export function providerLocalName(key: string, providerArgument: unknown): string | null {
  if (providerArgument !== undefined) {
    const match = typeof providerArgument === "string" ? PROVIDER_REF.exec(providerArgument) : null;
    return match?.[1] ?? null;
  }
  const type = key.slice(0, key.indexOf(".") < 0 ? key.length : key.indexOf("."));
  return type.split("_")[0] || null;
}
