import type { TypeSchema } from "../schema/index.js";
import { squash } from "../validate/block.js";
import { type Declared, localSource } from "./declarations.js";
import { type SemanticContext, didYouMean, lineOf, report } from "./context.js";
import type { Scope, ScopedScan } from "./scope.js";
import type { Traversal } from "./traversals.js";

/** Names Terraform provides itself; references to them are never undeclared. */
const BUILT_IN = new Set(["path", "terraform"]);

/** Checks that every reference in the scanned expressions of one declaration resolves. */
export function checkReferences(ctx: SemanticContext, owner: Declared, scans: readonly ScopedScan[]): void {
  const content = ctx.module.files.find((f) => f.path === owner.file)?.content ?? "";
  for (const { key, scan, scope } of scans) {
    for (const t of scan.traversals) {
      if (scan.bound.has(t.root) || scope.iterators.has(t.root) || BUILT_IN.has(t.root)) continue;
      const problem = resolve(ctx, t, scope);
      if (problem === null) continue;
      const line = lineOf(content, t.text.split("[")[0] ?? t.text, lineOf(content, key, owner.line));
      report(ctx, owner.file, line, problem.code, problem.message, problem.suggestion);
    }
  }
}

interface Problem {
  code: string;
  message: string;
  suggestion: string | null;
}

function resolve(ctx: SemanticContext, t: Traversal, scope: Scope): Problem | null {
  const m = ctx.module;
  const [first, second, third] = t.parts;
  switch (t.root) {
    case "var":
      return first === undefined || m.variables.has(first)
        ? null
        : undeclared(
            "undeclared_variable",
            `input variable "${first}"`,
            first,
            m.variables.keys(),
            `variable "${first}" {}`,
          );
    case "local":
      return first === undefined || m.locals.has(first)
        ? null
        : undeclared("undeclared_local", `local value "${first}"`, first, m.locals.keys(), null);
    case "module":
      return first === undefined ? null : moduleReference(ctx, first, second);
    case "data": {
      if (first === undefined || second === undefined) return null;
      if (!m.data.has(`${first}.${second}`))
        return undeclared(
          "undeclared_data_source",
          `data source "data.${first}.${second}"`,
          `${first}.${second}`,
          m.data.keys(),
          null,
        );
      return attribute(third, ctx.schema.dataSource(first), `data.${first}.${second}`);
    }
    case "each":
      return scope.forEach ? null : misplaced("each", "for_each");
    case "count":
      return scope.count ? null : misplaced("count", "count");
    case "self":
      return scope.self
        ? null
        : {
            code: "invalid_self_reference",
            message: '"self" can only be used in provisioner and connection blocks',
            suggestion: null,
          };
    default:
      return resourceReference(ctx, t);
  }
}

function resourceReference(ctx: SemanticContext, t: Traversal): Problem | null {
  const [name, attr] = t.parts;
  // Only names shaped like resource types: anything else could be an iterator we did not see bound.
  if (name === undefined || !/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(t.root) || t.indexAt.includes(0)) return null;
  const key = `${t.root}.${name}`;
  if (!ctx.module.resources.has(key))
    return undeclared(
      "undeclared_resource",
      `managed resource "${key}"`,
      key,
      ctx.module.resources.keys(),
      null,
    );
  return attribute(attr, ctx.schema.resource(t.root), key);
}

function attribute(name: string | undefined, schema: TypeSchema | undefined, where: string): Problem | null {
  if (name === undefined || schema === undefined || name === "id") return null;
  if (schema.attributes.has(name) || schema.blocks.has(name)) return null;
  const wanted = squash(name);
  if (schema.computed.some((c) => squash(c) === wanted)) return null;
  const names = [...schema.attributes.keys(), ...schema.blocks.keys(), ...schema.computed];
  const { hint, name: suggestion } = didYouMean(name, names);
  return {
    code: "unsupported_attribute",
    message: `${where} has no argument, nested block or exported attribute named "${name}"${hint}`,
    suggestion,
  };
}

function moduleReference(ctx: SemanticContext, name: string, output: string | undefined): Problem | null {
  const calls = ctx.module.modules.get(name);
  if (calls === undefined)
    return undeclared(
      "undeclared_module",
      `module call "module.${name}"`,
      name,
      ctx.module.modules.keys(),
      null,
    );
  const dir = localSource(ctx.module.dir, calls[0]?.body["source"]);
  const child = dir === null ? undefined : ctx.modules.get(dir);
  if (output === undefined || child === undefined || child.outputs.has(output)) return null;
  const { hint, name: suggestion } = didYouMean(output, child.outputs.keys());
  return {
    code: "unknown_module_output",
    message: `module "${name}" (${dir}) declares no output "${output}"${hint}`,
    suggestion,
  };
}

function undeclared(
  code: string,
  what: string,
  name: string,
  candidates: Iterable<string>,
  declare: string | null,
): Problem {
  const { hint, name: suggestion } = didYouMean(name, candidates);
  const fix = suggestion === null && declare !== null ? ` — declare it: ${declare}` : "";
  return { code, message: `reference to undeclared ${what}${hint}${fix}`, suggestion: suggestion ?? declare };
}

function misplaced(root: string, argument: string): Problem {
  return {
    code: "invalid_meta_reference",
    message: `"${root}" can only be used in a block that sets "${argument}"`,
    suggestion: null,
  };
}
