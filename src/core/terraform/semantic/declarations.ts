import { type LocatedFile, locate, topBlocks } from "../locate/index.js";
import { type Block, type ParsedFile, dirOf } from "../types.js";
import { instances } from "../validate/values.js";

/** A declaration and where it is written. */
export interface Declared {
  file: string;
  line: number | null;
  body: Block;
}

/** What one module (a directory's `.tf`/`.tf.json` files) declares, by kind and name. */
export interface ModuleDeclarations {
  dir: string;
  files: ParsedFile[];
  located: Map<string, LocatedFile>;
  variables: Map<string, Declared[]>;
  locals: Map<string, Declared[]>;
  outputs: Map<string, Declared[]>;
  modules: Map<string, Declared[]>;
  /** `type.name` → declarations. */
  resources: Map<string, Declared[]>;
  data: Map<string, Declared[]>;
  /** Local names in `required_providers`. */
  requiredProviders: Set<string>;
}

/** Groups files into modules by directory and indexes what each declares. */
export function declarationsByModule(files: readonly ParsedFile[]): Map<string, ModuleDeclarations> {
  const modules = new Map<string, ModuleDeclarations>();
  for (const file of files) {
    const dir = dirOf(file.path);
    let module = modules.get(dir);
    if (module === undefined) modules.set(dir, (module = emptyModule(dir)));
    addFile(module, file);
  }
  return modules;
}

function emptyModule(dir: string): ModuleDeclarations {
  return {
    dir,
    files: [],
    located: new Map(),
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    modules: new Map(),
    resources: new Map(),
    data: new Map(),
    requiredProviders: new Set(),
  };
}

function addFile(module: ModuleDeclarations, file: ParsedFile): void {
  const located = locate(file.path, file.content);
  module.files.push(file);
  module.located.set(file.path, located);
  const add = (map: Map<string, Declared[]>, key: string, body: Block, line: number | null): void => {
    map.set(key, [...(map.get(key) ?? []), { file: file.path, line, body }]);
  };
  for (const [kind, map] of [
    ["variable", module.variables],
    ["output", module.outputs],
    ["module", module.modules],
  ] as const) {
    for (const [name, bodies] of Object.entries(file.body[kind] ?? {})) {
      const nodes = topBlocks(located, kind, [name]);
      instances(bodies).forEach((body, i) => add(map, name, body, nodes[i]?.line ?? null));
    }
  }
  for (const [kind, map] of [
    ["resource", module.resources],
    ["data", module.data],
  ] as const) {
    for (const [type, byName] of Object.entries(file.body[kind] ?? {}))
      for (const [name, bodies] of Object.entries(byName)) {
        const nodes = topBlocks(located, kind, [type, name]);
        instances(bodies).forEach((body, i) => add(map, `${type}.${name}`, body, nodes[i]?.line ?? null));
      }
  }
  const localNodes = topBlocks(located, "locals", []);
  instances(file.body.locals).forEach((block, i) => {
    for (const [name, value] of Object.entries(block)) {
      const line = localNodes[i]?.children.find((c) => c.name === name)?.line ?? localNodes[i]?.line ?? null;
      add(module.locals, name, { value }, line);
    }
  });
  for (const terraform of instances(file.body.terraform))
    for (const required of instances(terraform["required_providers"]))
      for (const name of Object.keys(required)) module.requiredProviders.add(name);
}

/** The local directory a module call's `source` points at, relative to the scanned root; null if remote. */
export function localSource(callerDir: string, source: unknown): string | null {
  if (typeof source !== "string" || !(source.startsWith("./") || source.startsWith("../"))) return null;
  const parts = callerDir === "" ? [] : callerDir.split("/");
  for (const segment of source.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join("/");
}
