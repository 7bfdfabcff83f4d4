// Builds src/core/terraform/schema/aws-provider-constraints.json: per resource and data source type, the
// argument constraints (ConflictsWith, ExactlyOneOf, AtLeastOneOf, RequiredWith) that the AWS provider
// declares in its Go source and that neither `terraform providers schema -json` nor the cdktf assembly
// carries. Nothing is written by hand: every entry comes from the source read here.
// Usage (run by `npm run schema:constraints` and .github/workflows/provider-schema.yml):
//   npm run schema:constraints -- --dir path/to/terraform-provider-aws [--version 6.30.0]
//   npm run schema:constraints -- --git path/to/repo.git [--rev HEAD] [--version 5.46.0-dev]
// Options: --lines 5,6 — the bundled schema lines the table is applied to (default: 5 and later: the 4.x
// provider declared many of these arguments differently, so a newer source's rules are not borrowed).
// Prints coverage: types with a constraint, constraint fields attributed to a type and those not.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ConstraintKind, type FoundConstraint, GoPackage } from "./constraints/go-schema.js";
import { type GoSource, dirSource, gitSource } from "./constraints/source.js";
import { tokenize } from "./constraints/go-tokens.js";
import {
  CONSTRAINTS_FILE,
  type ConstraintEntry,
  type ConstraintsFile,
} from "../src/core/terraform/schema/constraints.js";
import { MANIFEST_FILE } from "../src/core/terraform/schema/manifest.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(root, "src", "core", "terraform", "schema", CONSTRAINTS_FILE);
const CODE: Record<ConstraintKind, ConstraintEntry[0]> = {
  conflicts: "c",
  exactly_one_of: "x",
  at_least_one_of: "a",
  required_with: "w",
};

interface Registration {
  kind: "resources" | "dataSources";
  type: string;
  factory: string;
}

/** Type names for factories: the `@SDKResource("aws_x")` annotations and service_package_gen.go. */
function registrations(pkg: GoPackage): Registration[] {
  const out = new Map<string, Registration>();
  for (const { tokens } of pkg.files) {
    let mode: Registration["kind"] | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === undefined) continue;
      const note = t.kind === "comment" ? /@SDK(Resource|DataSource)\("(aws_[a-z0-9_]+)"/.exec(t.text) : null;
      if (note !== null) {
        // The annotated constructor is the next `func Name(`.
        for (let j = i + 1; j < tokens.length && j < i + 30; j++)
          if (tokens[j]?.text === "func" && tokens[j + 1]?.kind === "ident") {
            const kind = note[1] === "Resource" ? "resources" : "dataSources";
            const type = note[2] as string;
            out.set(`${kind}:${type}`, { kind, type, factory: tokens[j + 1]?.text as string });
            break;
          }
        continue;
      }
      if (t.kind === "ident" && (t.text === "SDKResources" || t.text === "SDKDataSources"))
        mode = t.text === "SDKResources" ? "resources" : "dataSources";
      else if (t.kind === "ident" && t.text.startsWith("Framework")) mode = null;
      if (mode !== null && t.text === "Factory" && tokens[i + 1]?.text === ":") {
        const factory = tokens[i + 2]?.text ?? "";
        for (let j = i + 3; j < i + 12; j++)
          if (tokens[j]?.text === "TypeName" && tokens[j + 2]?.kind === "string") {
            const type = tokens[j + 2]?.text as string;
            if (!out.has(`${mode}:${type}`)) out.set(`${mode}:${type}`, { kind: mode, type, factory });
            break;
          }
      }
    }
  }
  return [...out.values()];
}

function compact(found: FoundConstraint[]): ConstraintEntry[] {
  const seen = new Set<string>();
  const out: ConstraintEntry[] = [];
  for (const c of found) {
    const others = c.others.filter((o) => o !== c.path);
    // ExactlyOneOf/AtLeastOneOf name the whole set on each member: one entry per set and parent block.
    const parent = c.path.includes(".") ? c.path.slice(0, c.path.lastIndexOf(".")) : "";
    const key =
      c.kind === "exactly_one_of" || c.kind === "at_least_one_of"
        ? `${c.kind}|${parent}|${[c.path, ...others].sort().join(",")}`
        : `${c.kind}|${c.path}|${others.join(",")}`;
    if (others.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push([CODE[c.kind], c.path, others]);
  }
  return out;
}

function countFields(text: string): { sdk: number; framework: number } {
  let sdk = 0;
  let framework = 0;
  const tokens = tokenize(text);
  tokens.forEach((t, i) => {
    if (t.kind !== "ident") return;
    if (
      /^(ConflictsWith|ExactlyOneOf|AtLeastOneOf|RequiredWith)$/.test(t.text) &&
      tokens[i + 1]?.text === ":"
    )
      sdk++;
    else if (
      /^(ConflictsWith|ExactlyOneOf|AtLeastOneOf|AlsoRequires|Conflicting|RequiredTogether)$/.test(t.text) &&
      tokens[i + 1]?.text === "(" &&
      tokens[i - 1]?.text === "."
    )
      framework++;
  });
  return { sdk, framework };
}

function build(source: GoSource, version: string, lines: string[]): ConstraintsFile {
  const names = new Map<string, string>();
  const byPackage = new Map<string, string[]>();
  for (const path of source.files) {
    const dir = path.slice(0, path.lastIndexOf("/"));
    byPackage.set(dir, [...(byPackage.get(dir) ?? []), path]);
  }
  for (const [path, text] of source.read(byPackage.get("names") ?? [])) {
    const pkg = new GoPackage([{ path, text }], new Map());
    for (const [k, v] of pkg.constants) names.set(`names.${k}`, v);
  }
  const file: ConstraintsFile = {
    format: 1,
    source: { provider: "hashicorp/aws", providerVersion: version, commit: source.commit },
    lines,
    resources: {},
    dataSources: {},
  };
  let fields = { sdk: 0, framework: 0 };
  let attributed = 0;
  let unresolved = 0;
  for (const [dir, paths] of byPackage) {
    if (dir === "names") continue;
    const texts = source.read(paths);
    for (const text of texts.values()) {
      const n = countFields(text);
      fields = { sdk: fields.sdk + n.sdk, framework: fields.framework + n.framework };
    }
    const pkg = new GoPackage(
      [...texts].map(([path, text]) => ({ path, text })),
      new Map(names),
    );
    for (const r of registrations(pkg)) {
      const entries = compact(pkg.constraintsOf(r.factory));
      if (entries.length > 0) file[r.kind][r.type] = entries;
    }
    attributed += pkg.attributed.size;
    unresolved += pkg.unresolved.size;
  }
  for (const kind of ["resources", "dataSources"] as const)
    file[kind] = Object.fromEntries(Object.entries(file[kind]).sort(([a], [b]) => a.localeCompare(b)));
  const types = Object.keys(file.resources).length;
  const dataSources = Object.keys(file.dataSources).length;
  console.log(
    [
      `hashicorp/aws ${version} (${source.commit ?? "working tree"}): ${types} resource types and ${dataSources} data sources have constraints`,
      `SDK constraint fields in the source: ${fields.sdk}; attributed to a type: ${attributed}; seen but unresolved (computed names): ${unresolved}; never reached from a registered type: ${fields.sdk - attributed - unresolved}`,
      `plugin-framework validators (ConflictsWith/ExactlyOneOf/AtLeastOneOf/AlsoRequires calls), not extracted: ${fields.framework}`,
    ].join("\n"),
  );
  return file;
}

function flag(args: string[], name: string): string | null {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? null) : null;
}

/** `## 5.46.0 (Unreleased)` at the top of the provider's CHANGELOG.md: the version the tree becomes. */
function changelogVersion(source: GoSource): string | null {
  const text = source.read(["CHANGELOG.md"]).get("CHANGELOG.md") ?? "";
  const m = /^## (\d+\.\d+\.\d+)( \(Unreleased\))?/m.exec(text);
  return m === null ? null : `${m[1]}${m[2] ? "-dev" : ""}`;
}

function main(args: string[]): void {
  const git = flag(args, "--git");
  const dir = flag(args, "--dir");

  if ((git === null) === (dir === null))
    throw new Error(
      "usage: schema:constraints --dir <provider checkout> | --git <git dir> [--rev REV] [--version X]",
    );
  const source = git !== null ? gitSource(git, flag(args, "--rev") ?? "HEAD") : dirSource(dir as string);
  const version = flag(args, "--version") ?? changelogVersion(source);
  if (version === null) throw new Error("no --version given and none found in the provider's CHANGELOG.md");
  const lines = (flag(args, "--lines") ?? defaultLines().join(",")).split(",").filter(Boolean);
  const file = build(source, version, lines);
  writeFileSync(OUT, serialize(file));
  console.log(`wrote ${OUT}`);
}

function defaultLines(): string[] {
  const manifest = JSON.parse(readFileSync(join(dirname(OUT), MANIFEST_FILE), "utf8")) as {
    lines: { line: string }[];
  };
  return manifest.lines.map((l) => l.line).filter((line) => Number(line) >= 5);
}

/** One type per line: diffs of a regeneration stay readable. */
function serialize(file: ConstraintsFile): string {
  const block = (map: Record<string, ConstraintEntry[]>): string =>
    Object.entries(map)
      .map(([type, entries]) => `    ${JSON.stringify(type)}: ${JSON.stringify(entries)}`)
      .join(",\n");
  return `{\n  "format": 1,\n  "source": ${JSON.stringify(file.source)},\n  "lines": ${JSON.stringify(file.lines)},\n  "resources": {\n${block(file.resources)}\n  },\n  "dataSources": {\n${block(file.dataSources)}\n  }\n}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`schema:constraints failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
