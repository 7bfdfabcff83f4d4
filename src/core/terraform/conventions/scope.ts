import { dirOf, type Block, type ParsedFile } from "../types.js";

/** One block with where it came from. */
export interface Found {
  file: string;
  label: string;
  body: Block;
}

export function providers(files: ParsedFile[], name: string): Found[] {
  const out: Found[] = [];
  for (const file of files) {
    for (const body of file.body.provider?.[name] ?? []) out.push({ file: file.path, label: name, body });
  }
  return out;
}

/** Every resource block, labelled with its type. */
export function resources(files: ParsedFile[]): Found[] {
  const out: Found[] = [];
  for (const file of files) {
    for (const [type, names] of Object.entries(file.body.resource ?? {})) {
      for (const list of Object.values(names))
        for (const body of list) out.push({ file: file.path, label: type, body });
    }
  }
  return out;
}

/** Every `locals` entry by name (the first definition wins, as Terraform would reject duplicates). */
export function locals(files: ParsedFile[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const file of files) {
    for (const block of file.body.locals ?? []) {
      for (const [name, value] of Object.entries(block)) if (!out.has(name)) out.set(name, value);
    }
  }
  return out;
}

export function variableNames(files: ParsedFile[]): string[] {
  return files.flatMap((file) => Object.keys(file.body.variable ?? {}));
}

export function inDirectory(files: ParsedFile[], dir: string): ParsedFile[] {
  return files.filter((file) => dirOf(file.path) === dir);
}
