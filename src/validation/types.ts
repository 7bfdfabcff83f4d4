import type { ValidationCheck } from "../core/terraform/checks.js";
import type { ExecutableConstruct, ExecutablePolicy } from "../core/terraform/executable/index.js";
import type { Finding } from "../core/terraform/types.js";

export type { ValidationCheck } from "../core/terraform/checks.js";

/** What to validate and how far to go. */
export interface ValidationRequest {
  /** Absolute directory holding the Terraform tree. */
  root: string;
  /**
   * Files the agent changed, relative to `root`. When given, findings are reported for these files only
   * (the agent fixes its own mistakes), and policy findings are errors on them and warnings elsewhere.
   */
  changed?: readonly string[];
  /** `auto`: run real `terraform validate` in the sandbox when available, saying why not otherwise. */
  terraform?: "off" | "auto";
  /** Why terraform is off, when the caller knows better than "not requested". */
  terraformOffWhy?: string;
  /** Code that may run in init/plan/apply/CI (`executablePolicy(config)`); default: the public registries only. */
  policy?: ExecutablePolicy;
  /**
   * What the changed files held before the change (null: the file is new). Constructs already there are
   * people's, named in `nearby` rather than refused; without it every construct in a changed file counts
   * as the change's own.
   */
  baseline?: ReadonlyMap<string, string | null>;
}

export interface ValidationReport {
  /** False when any finding is an error or any check that ran failed. */
  ok: boolean;
  findings: Finding[];
  /** Terraform files that were read, parsed or not. */
  filesChecked: number;
  checks: ValidationCheck[];
  /** With `changed`: constructs that run code which people wrote in the modules the change touches. */
  nearby: ExecutableConstruct[];
}
