import { readFileSync } from "node:fs";
import { parse } from "@cdktf/hcl2json";
import type { FileChange, RecipeContext } from "../../../src/core/recipes/index.js";
import { validateFiles } from "../../../src/tasks/validate.js";
import type { Finding } from "../../../src/core/terraform/types.js";

export const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/recipes/${name}`, import.meta.url), "utf8");

/** The conventions of examples/demo-infra: prefix local, provider default_tags, one file per service. */
export const DEMO: RecipeContext = JSON.parse(fixture("demo-infra-context.json")) as RecipeContext;

export const MERGE_TAGS: RecipeContext = {
  namePrefixExpression: "${var.project}-${var.environment}",
  tags: { style: "per_resource_merge", expression: "local.tags" },
  fileLayout: "per_service",
  existingResources: [],
};

export const SINGLE_MAIN: RecipeContext = {
  tags: { style: "none" },
  fileLayout: "single_main",
  existingResources: [],
  existingFiles: ["main.tf"],
};

/** Walks parsed hcl2json output: `at(json, "resource", "aws_s3_bucket", "logs", 0, "bucket")`. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export type Parsed = Record<string, unknown>;

/** Parses every .tf change with the real HCL parser and merges them as Terraform would load the directory. */
export async function parseAll(files: readonly FileChange[]): Promise<Parsed> {
  const merged: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const file of files.filter((f) => f.path.endsWith(".tf"))) {
    const json = await parse(file.path, file.content);
    for (const [kind, byType] of Object.entries(json)) {
      merged[kind] ??= {};
      for (const [type, byName] of Object.entries(byType as Record<string, Record<string, unknown>>)) {
        merged[kind][type] = { ...(merged[kind][type] ?? {}), ...byName };
      }
    }
  }
  return merged;
}

/** `type.name` of every resource in parsed output. */
export function resourceAddresses(parsed: Parsed): string[] {
  const resources = (parsed["resource"] ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(resources).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
}

/** Findings from the project's validator: HCL parse, AWS provider schema, `terraform fmt` layout. */
export async function findings(files: readonly FileChange[]): Promise<Finding[]> {
  const tf = files.filter((f) => f.path.endsWith(".tf")).map((f) => ({ path: f.path, content: f.content }));
  return (await validateFiles(tf)).findings;
}
