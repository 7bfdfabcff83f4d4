// Walks the terraform-plugin-sdk schema literals of one provider package (a Go directory) and collects the
// cross-argument constraints the provider's JSON schema does not carry: ConflictsWith, ExactlyOneOf,
// AtLeastOneOf and RequiredWith, each on the argument's path (`versioning.0.enabled` for nested blocks).
// It follows, within the package, helper functions that return a resource, a schema map or a schema
// (`Elem: ruleSchema()`), local variables and immediately called function literals; string constants of
// the package and of `names.` resolve. Anything else (other packages' helpers, computed strings) is left
// out and counted, never guessed.
import { type Token, closing, elements, tokenize } from "./go-tokens.js";

export type ConstraintKind = "conflicts" | "exactly_one_of" | "at_least_one_of" | "required_with";

export interface FoundConstraint {
  kind: ConstraintKind;
  path: string;
  others: string[];
}

const FIELDS: Record<string, ConstraintKind> = {
  ConflictsWith: "conflicts",
  ExactlyOneOf: "exactly_one_of",
  AtLeastOneOf: "at_least_one_of",
  RequiredWith: "required_with",
};

interface Ref {
  tokens: Token[];
  at: number;
}

interface Fn {
  tokens: Token[];
  body: number;
}

/** One Go package: its functions, string constants and package-level variables. */
export class GoPackage {
  readonly functions = new Map<string, Fn>();
  readonly files: { path: string; tokens: Token[] }[] = [];
  private readonly vars = new Map<string, Ref>();
  /** Constraint fields seen while walking, by `file#token`, so a helper shared by types counts once. */
  readonly attributed = new Set<string>();
  readonly unresolved = new Set<string>();

  constructor(
    sources: { path: string; text: string }[],
    readonly constants: Map<string, string>,
  ) {
    for (const { path, text } of sources) {
      const tokens = tokenize(text);
      this.files.push({ path, tokens });
      this.index(tokens);
    }
  }

  private index(tokens: Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.kind !== "ident") continue;
      if (t.text === "func" && tokens[i + 1]?.kind === "ident" && tokens[i + 2]?.text === "(") {
        const body = bodyOf(tokens, closing(tokens, i + 2) + 1);
        if (body !== null) this.functions.set(tokens[i + 1]?.text as string, { tokens, body });
      } else if (t.text === "const" || t.text === "var") {
        const grouped = tokens[i + 1]?.text === "(";
        const end = grouped ? closing(tokens, i + 1) : i + 4;
        for (let j = i + 1; j < end; j++)
          if (tokens[j]?.kind === "ident" && tokens[j + 1]?.text === "=" && tokens[j + 2]?.text !== "=") {
            const value = tokens[j + 2];
            if (value?.kind === "string" && t.text === "const")
              this.constants.set(tokens[j]?.text as string, value.text);
            else if (t.text === "var") this.vars.set(tokens[j]?.text as string, { tokens, at: j + 2 });
          }
      }
    }
  }

  /** Constraints of the resource built by function `factory` (a `func() *schema.Resource`). */
  constraintsOf(factory: string): FoundConstraint[] {
    const fn = this.functions.get(factory);
    if (fn === undefined) return [];
    const out: FoundConstraint[] = [];
    const resource = this.returned(fn, 0);
    if (resource !== null && resource.kind === "resource") this.walkResource(resource.ref, "", out, 0);
    return out;
  }

  private walkResource(ref: Ref, prefix: string, out: FoundConstraint[], depth: number): void {
    for (const [a, b] of elements(ref.tokens, ref.at)) {
      const field = ref.tokens[a]?.text;
      if ((field !== "Schema" && field !== "SchemaFunc") || ref.tokens[a + 1]?.text !== ":") continue;
      let value = this.evaluate({ tokens: ref.tokens, at: a + 2 }, b, depth + 1);
      // SchemaFunc names a function (not a call): what it returns is the map.
      if (field === "SchemaFunc" && value === null) {
        const name = ref.tokens[a + 2]?.text ?? "";
        const fn = this.functions.get(name);
        value = fn === undefined ? null : this.returned(fn, depth + 1);
      }
      if (value?.kind === "map") this.walkMap(value.ref, prefix, out, depth + 1);
    }
  }

  private walkMap(ref: Ref, prefix: string, out: FoundConstraint[], depth: number): void {
    for (const [a, b] of elements(ref.tokens, ref.at)) {
      const colon = topLevel(ref.tokens, a, b, ":");
      if (colon < 0) continue;
      const key = this.stringOf(ref.tokens, a, colon);
      if (key === null) continue;
      const value = this.evaluate({ tokens: ref.tokens, at: colon + 1 }, b, depth + 1, "schema");
      if (value?.kind === "schema") this.walkSchema(value.ref, `${prefix}${key}`, out, depth + 1);
    }
  }

  private walkSchema(ref: Ref, path: string, out: FoundConstraint[], depth: number): void {
    for (const [a, b] of elements(ref.tokens, ref.at)) {
      const field = ref.tokens[a]?.text ?? "";
      if (ref.tokens[a + 1]?.text !== ":") continue;
      const kind = FIELDS[field];
      const id = `${this.fileOf(ref.tokens)}#${a}`;
      if (kind !== undefined) {
        const list = this.stringList({ tokens: ref.tokens, at: a + 2 }, b);
        if (list === null) this.unresolved.add(id);
        else {
          this.attributed.add(id);
          out.push({ kind, path, others: list });
        }
      } else if (field === "Elem" && depth < 40) {
        const value = this.evaluate({ tokens: ref.tokens, at: a + 2 }, b, depth + 1);
        if (value?.kind === "resource") this.walkResource(value.ref, `${path}.0.`, out, depth + 1);
      }
    }
  }

  private fileOf(tokens: Token[]): string {
    return this.files.find((f) => f.tokens === tokens)?.path ?? "?";
  }

  /** A `[]string{...}` literal (or a variable holding one) with every element a known string. */
  private stringList(ref: Ref, end: number): string[] | null {
    const t = ref.tokens;
    let at = ref.at;
    if (t[at]?.kind === "ident" && end - at === 1) {
      const v = this.vars.get(t[at]?.text as string);
      if (v === undefined) return null;
      return this.stringList(v, closing(v.tokens, literalOpen(v.tokens, v.at)) + 1);
    }
    at = literalOpen(t, at);
    if (t[at]?.text !== "{") return null;
    const out: string[] = [];
    for (const [a, b] of elements(t, at)) {
      const s = this.stringOf(t, a, b);
      if (s === null) return null;
      out.push(s);
    }
    return out;
  }

  /** A string literal, a constant, `names.X`, or `+` of those. */
  stringOf(t: Token[], a: number, b: number): string | null {
    let out = "";
    for (let i = a; i < b; i++) {
      const tok = t[i] as Token;
      if (tok.kind === "string") out += tok.text;
      else if (tok.kind === "ident" && t[i + 1]?.text === "." && t[i + 2]?.kind === "ident") {
        const v = this.constants.get(`${tok.text}.${t[i + 2]?.text}`);
        if (v === undefined) return null;
        out += v;
        i += 2;
      } else if (tok.kind === "ident") {
        const v = this.constants.get(tok.text);
        if (v === undefined) return null;
        out += v;
      } else if (tok.kind === "punct" && tok.text === "+") continue;
      else if (tok.kind !== "comment") return null;
    }
    return out === "" ? null : out;
  }

  private returned(fn: Fn, depth: number): Value | null {
    const end = closing(fn.tokens, fn.body);
    let found: Value | null = null;
    for (let i = fn.body + 1; i < end; i++) {
      const t = fn.tokens[i] as Token;
      if (t.kind === "ident" && t.text === "func" && fn.tokens[i + 1]?.text === "(") {
        // A nested function literal's returns are its own.
        const body = bodyOf(fn.tokens, closing(fn.tokens, i + 1) + 1);
        if (body !== null) i = closing(fn.tokens, body);
        continue;
      }
      if (t.kind !== "ident" || t.text !== "return") continue;
      const value = this.evaluate({ tokens: fn.tokens, at: i + 1 }, end, depth + 1, undefined, fn);
      if (value !== null) found = value;
    }
    return found;
  }

  /** What the expression at `ref` builds: a resource, a schema map or a schema literal, or null. */
  private evaluate(ref: Ref, limit: number, depth: number, elided?: Kind, scope?: Fn): Value | null {
    if (depth > 60) return null;
    const t = ref.tokens;
    let i = ref.at;
    if (t[i]?.text === "&" || t[i]?.text === "*") i++;
    const first = t[i];
    if (first === undefined || i >= limit) return null;
    if (first.kind === "ident" && first.text === "func" && t[i + 1]?.text === "(") {
      const body = bodyOf(t, closing(t, i + 1) + 1);
      return body === null ? null : this.returned({ tokens: t, body }, depth + 1);
    }
    if (first.text === "{") return elided ? { kind: elided, ref: { tokens: t, at: i } } : null;
    // Type then literal: map[string]*schema.Schema{ / schema.Resource{ / schema.Schema{
    const open = literalOpen(t, i);
    if (t[open]?.text === "{" && open < limit) {
      const type = t.slice(i, open).map((x) => x.text);
      const kind: Kind | null =
        type[0] === "map"
          ? "map"
          : type.includes("Resource")
            ? "resource"
            : type.includes("Schema")
              ? "schema"
              : null;
      return kind === null ? null : { kind, ref: { tokens: t, at: open } };
    }
    if (first.kind !== "ident") return null;
    if (t[i + 1]?.text === "(") {
      const fn = this.functions.get(first.text);
      return fn === undefined ? null : this.returned(fn, depth + 1);
    }
    if (t[i + 1]?.text === ".") return null;
    // A local variable: the last `name :=` / `name =` before this point in the function; else a package one.
    for (let j = ref.at - 1; scope !== undefined && j > scope.body; j--)
      if (
        t[j]?.text === first.text &&
        (t[j + 1]?.text === ":" || t[j + 1]?.text === "=") &&
        t[j - 1]?.text !== "."
      ) {
        const at = t[j + 1]?.text === ":" ? j + 3 : j + 2;
        return this.evaluate({ tokens: t, at }, limit, depth + 1, elided, scope);
      }
    const global = this.vars.get(first.text);
    if (global === undefined || global === ref) return null;
    return this.evaluate(
      global,
      closing(global.tokens, literalOpen(global.tokens, global.at)) + 1,
      depth + 1,
      elided,
    );
  }
}

type Kind = "resource" | "map" | "schema";
interface Value {
  kind: Kind;
  ref: Ref;
}

/** The `{` of a composite literal whose type starts at `i` (`map[string]*schema.Schema{`), else `i`. */
function literalOpen(t: Token[], i: number): number {
  let j = i;
  while (j < t.length) {
    const x = t[j] as Token;
    if (x.text === "[") j = closing(t, j) + 1;
    else if (x.kind === "ident" || x.text === "." || x.text === "*" || x.text === "&") j++;
    else break;
  }
  return t[j]?.text === "{" ? j : i;
}

/** The `{` opening a function body, given the index just after its parameter list. */
function bodyOf(t: Token[], from: number): number | null {
  for (let j = from; j < t.length && j < from + 40; j++) {
    const x = t[j] as Token;
    if (x.text === "(" || x.text === "[") j = closing(t, j);
    else if (x.text === "{") {
      // `interface{}` in a result type is not the body.
      if (t[j + 1]?.text === "}" && t[j - 1]?.text === "interface") {
        j++;
        continue;
      }
      return j;
    }
  }
  return null;
}

function topLevel(t: Token[], a: number, b: number, text: string): number {
  for (let i = a; i < b; i++) {
    const x = t[i] as Token;
    if (x.text === "{" || x.text === "(" || x.text === "[") i = closing(t, i);
    else if (x.kind === "punct" && x.text === text) return i;
  }
  return -1;
}
