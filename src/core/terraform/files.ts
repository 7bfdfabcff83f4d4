/**
 * Which files are Terraform configuration, as OpenTofu reads a directory: `.tf` and `.tofu` in the native
 * syntax, `.tf.json` and `.tofu.json` in JSON. Terraform itself reads only the `.tf` pair and never sees a
 * `.tofu` file, so a repository without `.tofu` files means the same to both tools.
 */
const EXTENSIONS = [".tofu.json", ".tf.json", ".tofu", ".tf"] as const;

export type TerraformExtension = (typeof EXTENSIONS)[number];

/** The configuration extension of a path (longest match first), or null for any other file. */
export function terraformExtension(path: string): TerraformExtension | null {
  return EXTENSIONS.find((ext) => path.endsWith(ext) && path.length > ext.length) ?? null;
}

export function isTerraformFile(path: string): boolean {
  return terraformExtension(path) !== null;
}

/** JSON configuration (`.tf.json`, `.tofu.json`): parsed as JSON, not HCL. */
export function isTerraformJson(path: string): boolean {
  const ext = terraformExtension(path);
  return ext === ".tf.json" || ext === ".tofu.json";
}

/** Native-syntax configuration (`.tf`, `.tofu`): what `terraform fmt` / `tofu fmt` lay out. */
export function isTerraformHcl(path: string): boolean {
  const ext = terraformExtension(path);
  return ext === ".tf" || ext === ".tofu";
}

/** The OpenTofu file that hides this one: `x.tofu` for `x.tf`, `x.tofu.json` for `x.tf.json`; else null. */
export function tofuTwin(path: string): string | null {
  const ext = terraformExtension(path);
  if (ext === ".tf") return `${path.slice(0, -3)}.tofu`;
  if (ext === ".tf.json") return `${path.slice(0, -8)}.tofu.json`;
  return null;
}

/**
 * OpenTofu's extension precedence: in one directory, `x.tf` is ignored when `x.tofu` exists and `x.tf.json`
 * when `x.tofu.json` does (a module written for both tools keeps its OpenTofu variant there). Returns the
 * files OpenTofu loads, in their order, and the ones it ignores with the file that hides each.
 */
export function applyTofuPrecedence<T extends { path: string }>(
  files: readonly T[],
): { kept: T[]; shadowed: { path: string; by: string }[] } {
  const present = new Set(files.map((f) => f.path));
  const kept: T[] = [];
  const shadowed: { path: string; by: string }[] = [];
  for (const file of files) {
    const twin = tofuTwin(file.path);
    if (twin !== null && present.has(twin)) shadowed.push({ path: file.path, by: twin });
    else kept.push(file);
  }
  return { kept, shadowed };
}
