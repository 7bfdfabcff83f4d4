import { parse, type HTMLElement } from "node-html-parser";
import { clean } from "./html.js";
import type { AuthorizationAction, AuthorizationReference } from "./types.js";

type Grid = HTMLElement[][];

/**
 * Parses a Service Authorization Reference page ("Actions, resources, and condition keys for …").
 * Its actions table uses rowspan: one action spans a row per resource type, so the table is expanded to a grid first.
 */
export function parseAuthorizationReference(html: string): AuthorizationReference {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false } });
  const h1 = clean(root.querySelector("h1")?.text ?? "");
  const prefixMatch = /\(service prefix:\s*([a-z0-9-]+)\s*\)/i.exec(clean(root.text));
  const servicePrefix = prefixMatch?.[1]?.toLowerCase() ?? "";
  const reference: AuthorizationReference = {
    serviceName: h1.replace(/^actions, resources, and condition keys for\s*/i, ""),
    servicePrefix,
    actions: [],
    resourceTypes: [],
    conditionKeys: [],
  };
  for (const table of root.querySelectorAll("table")) {
    const headers = table.querySelectorAll("th").map((th) => clean(th.text).toLowerCase());
    const col = (start: string): number => headers.findIndex((h) => h.startsWith(start));
    const grid = expand(table);
    if (col("access level") >= 0 && col("action") >= 0) {
      reference.actions.push(...readActions(grid, servicePrefix, col));
    } else if (col("arn") >= 0 && col("resource type") >= 0) {
      for (const row of grid) {
        const name = clean(row[col("resource type")]?.text ?? "");
        if (name === "") continue;
        const arnPattern = clean(row[col("arn")]?.text ?? "");
        reference.resourceTypes.push({ name, arnPattern, conditionKeys: items(row[col("condition key")]) });
      }
    } else if (col("condition key") === 0 && col("type") >= 0) {
      for (const row of grid) {
        const name = clean(row[0]?.text ?? "");
        if (name === "") continue;
        reference.conditionKeys.push({
          name,
          description: clean(row[col("description")]?.text ?? ""),
          type: clean(row[col("type")]?.text ?? ""),
        });
      }
    }
  }
  return reference;
}

function readActions(grid: Grid, prefix: string, col: (start: string) => number): AuthorizationAction[] {
  const actions: AuthorizationAction[] = [];
  let current: AuthorizationAction | undefined;
  let currentCell: HTMLElement | undefined;
  for (const row of grid) {
    const nameCell = row[col("action")];
    if (nameCell === undefined) continue;
    if (nameCell !== currentCell) {
      const name =
        clean(nameCell.text)
          .replace(/\[permission only\]/i, "")
          .trim()
          .split(/\s+/)[0] ?? "";
      currentCell = nameCell;
      if (!/^[A-Za-z0-9]+$/.test(name)) {
        current = undefined;
        continue;
      }
      current = {
        action: `${prefix}:${name}`,
        description: clean(row[col("description")]?.text ?? ""),
        accessLevel: clean(row[col("access level")]?.text ?? ""),
        resourceTypes: [],
        conditionKeys: [],
        dependentActions: [],
      };
      actions.push(current);
    }
    if (current === undefined) continue;
    const resource = items(row[col("resource type")])[0];
    const keys = items(row[col("condition key")]);
    if (resource !== undefined) {
      current.resourceTypes.push({
        name: resource.replace(/\*$/, ""),
        required: resource.endsWith("*"),
        conditionKeys: keys,
      });
    } else current.conditionKeys.push(...keys);
    for (const dependent of items(row[col("dependent action")])) {
      if (!current.dependentActions.includes(dependent)) current.dependentActions.push(dependent);
    }
  }
  return actions;
}

/** Expands a table with rowspan (capped, since pages are untrusted) into a grid where a spanning cell appears in every row it covers. */
function expand(table: HTMLElement): Grid {
  const grid: Grid = [];
  const carry: { cell: HTMLElement; left: number }[] = [];
  for (const tr of table.querySelectorAll("tr")) {
    const cells = tr.childNodes.filter((n): n is HTMLElement => isCell(n));
    if (cells.length === 0 || cells.every((c) => c.tagName === "TH")) continue;
    const row: HTMLElement[] = [];
    let queue = [...cells];
    for (let column = 0; queue.length > 0 || (carry[column]?.left ?? 0) > 0; column += 1) {
      const carried = carry[column];
      if (carried !== undefined && carried.left > 0) {
        row[column] = carried.cell;
        carried.left -= 1;
        continue;
      }
      const cell = queue[0];
      if (cell === undefined) break;
      queue = queue.slice(1);
      row[column] = cell;
      const span = Math.min(Math.max(Number.parseInt(cell.getAttribute("rowspan") ?? "1", 10) || 1, 1), 1000);
      carry[column] = { cell, left: span - 1 };
    }
    grid.push(row);
  }
  return grid;
}

function isCell(node: unknown): boolean {
  const tag = (node as { tagName?: string }).tagName;
  return tag === "TD" || tag === "TH";
}

function items(cell: HTMLElement | undefined): string[] {
  if (cell === undefined) return [];
  const paragraphs = cell.querySelectorAll("p");
  const texts = paragraphs.length > 0 ? paragraphs.map((p) => clean(p.text)) : clean(cell.text).split(/\s+/);
  return texts.filter((t) => t !== "");
}
