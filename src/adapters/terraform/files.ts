/** Small helpers of the tree walk: what counts as Terraform, what to skip, how to say what went wrong. */

// Terraform never reads these, and walking them is slow or pointless.
const SKIPPED_DIRECTORIES = new Set(["node_modules"]);
const utf8 = new TextDecoder("utf-8", { fatal: true });

export { isTerraformFile } from "../../core/terraform/files.js";

/** The text of a file, or null when it is binary (NUL bytes or invalid UTF-8). A UTF-8 BOM is dropped. */
export function decode(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export function skipDirectory(name: string): boolean {
  return name.startsWith(".") || SKIPPED_DIRECTORIES.has(name);
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
