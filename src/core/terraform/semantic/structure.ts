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
 * A resource whose provider is not in `required_providers` gets Terraform's guess (`hashicorp/<prefix>`),
 * which is wrong for community providers: a warning, since the guess is right for hashicorp ones.
 */
export function checkProviderRequirements(ctx: SemanticContext): void {
  const required = ctx.module.requiredProviders;
  if (required.size === 0) return;
  const seen = new Set<string>();
  for (const map of [ctx.module.resources, ctx.module.data])
    for (const [key, declared] of map) {
      const provider = key.split("_")[0] ?? "";
      if (required.has(provider) || seen.has(provider) || HASHICORP.has(provider)) continue;
      seen.add(provider);
      const first = declared[0] as Declared;
      const message = `"${key}" uses provider "${provider}", which required_providers does not list; Terraform will assume hashicorp/${provider}`;
      const suggestion = `${provider} = { source = "hashicorp/${provider}" }`;
      report(ctx, first.file, first.line, "provider_not_required", message, suggestion, "warning");
    }
}
