import type { AwsProviderSchema } from "../schema/index.js";
import type { Block, Finding, ParsedFile } from "../types.js";
import { type Declared, declarationsByModule } from "./declarations.js";
import { checkArgumentConstraints } from "./constraints.js";
import type { SemanticContext } from "./context.js";
import { checkReferences } from "./references.js";
import { type Scope, scanBody } from "./scope.js";
import { checkDuplicates, checkModuleCalls, checkProviderRequirements } from "./structure.js";
import { checkFunctionArguments, checkValues } from "./values.js";

export { declarationsByModule, localSource, type ModuleDeclarations } from "./declarations.js";
export { scanValue, type Traversal } from "./traversals.js";

const PLAIN: Scope = { count: false, forEach: false, self: false, iterators: new Set() };

/**
 * Terraform's own checks, offline and per module (a directory): every reference resolves, attributes of
 * resource references exist in the schema, values fit their types where knowable, no duplicates, local
 * module calls match the module's variables. Findings carry file, line, code, message and a suggestion.
 */
export function checkSemantics(files: readonly ParsedFile[], schema: AwsProviderSchema): Finding[] {
  const findings: Finding[] = [];
  const modules = declarationsByModule(files);
  for (const module of modules.values()) {
    const ctx: SemanticContext = { module, modules, schema, findings };
    checkDuplicates(ctx);
    checkModuleCalls(ctx);
    checkProviderRequirements(ctx);
    const content = (d: Declared): string => module.files.find((f) => f.path === d.file)?.content ?? "";
    for (const [kind, map] of [
      ["resource", module.resources],
      ["data", module.data],
    ] as const)
      for (const [key, declared] of map)
        for (const d of declared) {
          checkReferences(ctx, d, scanBody(d.body, metaScope(d.body)));
          const type = key.split(".")[0] as string;
          const typeSchema = kind === "resource" ? schema.resource(type) : schema.dataSource(type);
          const where = kind === "resource" ? key : `data.${key}`;
          if (typeSchema !== undefined) {
            checkValues(ctx, d.file, content(d), d.line, d.body, typeSchema, where);
            checkArgumentConstraints(ctx, d.file, content(d), d.line, d.body, typeSchema, where);
          }
          checkFunctionArguments(ctx, d.file, content(d), d.line, d.body);
        }
    for (const declared of module.modules.values())
      for (const d of declared) checkReferences(ctx, d, scanBody(d.body, metaScope(d.body)));
    for (const map of [module.outputs, module.locals, module.variables])
      for (const declared of map.values())
        for (const d of declared) {
          // A variable's `type` is a type expression, not a value: only its default and validation refer.
          const body = map === module.variables ? withoutType(d.body) : d.body;
          checkReferences(ctx, d, scanBody(body, PLAIN));
          checkFunctionArguments(ctx, d.file, content(d), d.line, body);
        }
    for (const file of module.files) {
      const providers = file.body.provider ?? {};
      for (const bodies of Object.values(providers))
        for (const body of Array.isArray(bodies) ? bodies : [])
          checkReferences(ctx, { file: file.path, line: null, body: body }, scanBody(body, PLAIN));
    }
  }
  return findings;
}

function metaScope(body: Block): Scope {
  return { count: "count" in body, forEach: "for_each" in body, self: false, iterators: new Set() };
}

function withoutType(body: Block): Block {
  const { type: _type, ...rest } = body;
  return rest;
}
