import { findExcessiveNesting } from "./depth.js";

type Format = (contents: string) => Promise<string>;

// hcl-tools instantiates its own WASM module on import: load it only when formatting is asked for.
let formatter: Promise<Format> | undefined;
function loadFormatter(): Promise<Format> {
  formatter ??= import("@cdktf/hcl-tools").then((module) => module.format);
  return formatter;
}

/**
 * Canonical `terraform fmt` layout of HCL source. Source that does not parse (or nests too deeply to be
 * parsed safely) comes back unchanged, so check parsing first when that matters.
 */
export async function formatHcl(content: string): Promise<string> {
  // Same Go parser underneath: past this depth it would take the process down, so leave it untouched.
  if (findExcessiveNesting(content, false) !== null) return content;
  const format = await loadFormatter();
  return format(content);
}

/** True when formatting would not change the file. */
export async function isCanonicallyFormatted(content: string): Promise<boolean> {
  return (await formatHcl(content)) === content;
}
