import { childrenNamed, locate, topBlocks, type LocatedFile } from "../terraform/locate/index.js";
import type { Block, ParsedFile } from "../terraform/types.js";

/** One `resource` or `data` block as the review tables see it. */
export interface Subject {
  type: string;
  name: string;
  /** `aws_s3_bucket.logs`, as written in its module (the file path says which module). */
  address: string;
  body: Block;
  file: string;
  /** Directory of the module holding it (`""` for the root). */
  dir: string;
  line: number | null;
  /** Line of an attribute or nested block of this resource (`["ingress", "cidr_blocks"]`), else the block's. */
  lineOf(path: readonly string[]): number | null;
}

/** Every resource and data block in the files, with lines from an outline of the source (hcl2json drops them). */
export function subjectsOf(files: readonly ParsedFile[]): Subject[] {
  const out: Subject[] = [];
  for (const file of files) {
    let outline: LocatedFile | undefined;
    const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
    for (const section of ["resource", "data"] as const) {
      for (const [type, byName] of Object.entries(file.body[section] ?? {})) {
        for (const [name, bodies] of Object.entries(byName)) {
          bodies.forEach((body, index) => {
            const node = () => {
              outline ??= locate(file.path, file.content);
              return topBlocks(outline, section, [type, name])[index];
            };
            const lineOf = (path: readonly string[]): number | null => {
              let current = node();
              const top = current?.line ?? null;
              for (const part of path) {
                // `ingress[1]` is the second `ingress` block of the resource.
                const indexed = /^(.+)\[(\d+)\]$/.exec(part);
                const next = indexed
                  ? childrenNamed(current, indexed[1] ?? "")[Number(indexed[2])]
                  : childrenNamed(current, part)[0];
                if (!next) break;
                current = next;
              }
              return current?.line ?? top;
            };
            out.push({
              type,
              name,
              address: section === "data" ? `data.${type}.${name}` : `${type}.${name}`,
              body,
              file: file.path,
              dir,
              line: lineOf([]),
              lineOf,
            });
          });
        }
      }
    }
  }
  return out;
}

/** A value hcl2json left as an expression (`"${var.x}"`): unknown until plan time, so never judged. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

export function isLiteralTrue(value: unknown): boolean {
  return value === true || value === "true";
}

export function isLiteralFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** Absent or literally false: the setting is off for sure. */
export function offForSure(value: unknown): boolean {
  return value === undefined || value === null || isLiteralFalse(value);
}

export function blocks(value: unknown): Block[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is Block => typeof v === "object" && v !== null && !Array.isArray(v));
}

export function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is string => typeof v === "string");
}

/** True when `value` mentions `type.name` (a reference such as `aws_s3_bucket.logs.id`). */
export function references(value: unknown, type: string, name: string): boolean {
  const text = JSON.stringify(value ?? null);
  return new RegExp(`\\b${type}\\.${name.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")}\\b`).test(text);
}

/** A scalar as text for a message; anything else (a block, a list) as `?`. */
export function shown(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : "?";
}
