import type { Item } from "../recipes/hcl/writer.js";
import type { AttributeSchema, TypeSchema } from "../terraform/schema/index.js";
import { engineOf } from "./attributes.js";
import { refOf, type Node } from "./node.js";
import type { PlannedVariable, SynthContext } from "./types.js";
import { isDomainArg, type ValueEnv } from "./values.js";
import { nameAfter, singular, type Token } from "./words.js";

export const MAX_NODES = 40;

/** What `build` hands to planChange: the resources, and what the request's words did and did not cover. */
export interface Built {
  nodes: Node[];
  reused: { type: string; name: string; why: string }[];
  variables: PlannedVariable[];
  data: { type: string; name: string; body: Item[] }[];
  claimed: Set<number>;
  understood: { phrase: string; meaning: string }[];
  missing: string[];
}

/**
 * The plan while it is being built, shared by the four phases (understand, resolve, close, write): the
 * resources so far, the names taken, and the helpers that add resources, variables and data sources.
 */
export class BuildState implements Built {
  readonly nodes: Node[] = [];
  readonly reused: Built["reused"] = [];
  readonly understood: Built["understood"] = [];
  readonly missing: string[] = [];
  readonly variables: PlannedVariable[] = [];
  readonly data: Built["data"] = [];
  readonly claimed = new Set<number>();
  readonly taken: Set<string>;
  readonly words: ReadonlySet<string>;
  readonly engine: string | undefined;
  readonly prefix: string | undefined;

  constructor(
    readonly request: string,
    readonly tokens: readonly Token[],
    readonly ctx: SynthContext,
  ) {
    this.taken = new Set(ctx.repo.existingResources.map((r) => `${r.type}.${r.name}`));
    this.words = new Set(tokens.map((t) => t.word));
    this.engine = engineOf(request);
    this.prefix = ctx.repo.namePrefixExpression;
  }

  get existing(): SynthContext["repo"]["existingResources"] {
    return this.ctx.repo.existingResources;
  }

  typeSchema(type: string): TypeSchema | undefined {
    return this.ctx.schema.resource(type);
  }

  freshName(type: string, wanted: string): string {
    let name = wanted;
    for (let i = 2; this.taken.has(`${type}.${name}`); i++) name = `${wanted}_${i}`;
    this.taken.add(`${type}.${name}`);
    return name;
  }

  /** A resource of `type` the repo declares (the one whose name contains `hint`, else the first). */
  inRepo(type: string, hint?: string): string | undefined {
    const all = this.existing.filter((r) => r.type === type);
    const named = hint === undefined ? undefined : all.find((r) => r.name === hint || r.name.includes(hint));
    const chosen = named ?? all[0];
    return chosen === undefined ? undefined : `${type}.${chosen.name}`;
  }

  /** A resource of `type` in the plan (a requested one first), else in the repo. */
  find(type: string): string | undefined {
    const node =
      this.nodes.find((n) => n.type === type && n.origin === "requested") ??
      this.nodes.find((n) => n.type === type);
    return node !== undefined ? refOf(node) : this.inRepo(type);
  }

  addNode(type: string, origin: Node["origin"], why: string, at: number, name = "main", serves?: Node): Node {
    // "contributor insights on a table named orders": a resource added because another needs it still takes
    // the name the request gives it, though its word ("table") was too common to ask for it alone.
    const given = origin === "dependency" && name === "main" ? this.nameGiven(type) : undefined;
    const node: Node = {
      type,
      name: this.freshName(type, given ?? name),
      origin,
      why,
      set: new Map(),
      notes: [],
      at,
      ...(serves ? { serves: serves.type } : {}),
    };
    this.nodes.push(node);
    return node;
  }

  /** The name the request gives a thing of this type by its last word: `table named "orders"`. */
  private nameGiven(type: string): string | undefined {
    const word = singular(type.split("_").pop() ?? "");
    for (let i = 0; i < this.tokens.length; i++) {
      const name = this.tokens[i]?.word === word ? nameAfter(this.tokens, i + 1) : undefined;
      if (name !== undefined) return name;
    }
    return undefined;
  }

  uniqueVariable(wanted: string): string {
    let name = wanted.slice(0, 64);
    while (
      this.existing.some((r) => r.type === "variable" && r.name === name) ||
      this.variables.some((v) => v.name === name)
    )
      name = `${name}_2`;
    return name;
  }

  /** Declares a data source the plan reads (once) and returns its reference. */
  readData(type: string, name: string, body: Item[]): string {
    if (
      !this.data.some((d) => d.type === type && d.name === name) &&
      !this.existing.some((r) => r.type === `data.${type}` && r.name === name)
    )
      this.data.push({ type, name, body });
    return `data.${type}.${name}`;
  }

  valueEnvFor(node: Node): ValueEnv {
    return {
      type: node.type,
      name: node.name,
      prefix: this.prefix,
      find: (type) => this.find(type),
      engine: this.engine,
      words: this.words,
      request: this.request,
      ordinal: this.nodes.filter((n) => n.type === node.type).indexOf(node),
      data: (type, name, body) => this.readData(type, name, body),
    };
  }

  /** A variable named after the resource and argument (`orders_billing_mode`), returning its reference. */
  variableName(node: Node, path: string): string {
    return this.uniqueVariable(
      `${node.name === "main" ? node.type.replace(/^aws_/, "") : node.name}_${path.replace(/\./g, "_")}`,
    );
  }

  /** A required value nobody gave and that has no safe default: a variable with a description. */
  variableFor(node: Node, path: string, spec: AttributeSchema, docUrl: string): string {
    const name = this.variableName(node, path);
    const domain = isDomainArg(node.type, path.split(".").pop() ?? path);
    this.variables.push({
      name,
      type: /^(?:string|number|bool|list\(string\)|set\(string\)|map\(string\))$/.test(spec.type)
        ? spec.type.replace(/^set/, "list")
        : "any",
      description: domain
        ? `DNS name for ${node.type}.${node.name} (${path}); a domain you control.`
        : `${path} of ${node.type}.${node.name}: no value I could read from the request, and no safe default (${docUrl}).`,
      sensitive: /password|secret|token/.test(path),
    });
    return `var.${name}`;
  }
}
