/**
 * Shared shapes of parsed Terraform. The body follows what `@cdktf/hcl2json` produces for `.tf` files;
 * `.tf.json` files are normalized into the same shape by the HCL adapter, so consumers handle one form.
 */

/** One block body: attribute values (expressions appear as `"${...}"` strings) and nested blocks as arrays. */
export type Block = Record<string, unknown>;

/** Blocks with one label (`module "x"`, `variable "x"`, `provider "aws"`): label → bodies in file order. */
export type LabeledBlocks = Record<string, Block[]>;

/** Blocks with two labels (`resource "type" "name"`, `data "type" "name"`): type → name → bodies. */
export type DoubleLabeledBlocks = Record<string, LabeledBlocks>;

export interface TerraformBody {
  resource?: DoubleLabeledBlocks;
  data?: DoubleLabeledBlocks;
  module?: LabeledBlocks;
  variable?: LabeledBlocks;
  output?: LabeledBlocks;
  provider?: LabeledBlocks;
  /** Every `locals {}` block of the file, in order. */
  locals?: Block[];
  /** Every `terraform {}` block; inside, `backend` is `type → Block[]` and `required_providers` is `Block[]`. */
  terraform?: Block[];
  /** Blocks we do not model (`moved`, `import`, `check`, `removed`) stay reachable. */
  [other: string]: unknown;
}

/** One Terraform file after parsing; `path` is relative to the scanned root, with `/` separators. */
export interface ParsedFile {
  path: string;
  content: string;
  body: TerraformBody;
}

export type FindingSeverity = "error" | "warning";

/** A problem in a file, exactly the DESIGN.md §3 `validate` finding shape. */
export interface Finding {
  file: string;
  line: number | null;
  severity: FindingSeverity;
  code: string;
  message: string;
  suggestion: string | null;
}

/** Codes for problems found while reading and parsing a tree (the validator adds its own). */
export type LoadFindingCode =
  | "parse_error"
  | "file_too_large"
  | "binary_file"
  | "unreadable_file"
  | "symlink_outside_root"
  | "too_many_files"
  | "tofu_shadowed";

/** The directory that holds a file (`""` for the root itself). */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}
