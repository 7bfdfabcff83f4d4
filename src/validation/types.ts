import type { ValidationCheck } from "../core/terraform/checks.js";
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
}

export interface ValidationReport {
  /** False when any finding is an error or any check that ran failed. */
  ok: boolean;
  findings: Finding[];
  /** Terraform files that were read, parsed or not. */
  filesChecked: number;
  checks: ValidationCheck[];
}
