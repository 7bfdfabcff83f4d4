import { redact } from "../../core/redact/index.js";
import { WorkspaceError } from "./errors.js";

export const AGENT_BRANCH_PREFIX = "agent/";
const MAX_SLUG = 40;

/** `fix the S3 bucket!` → `fix-the-s3-bucket`; never empty, at most 40 characters, only a-z0-9-. */
export function slugify(title: string): string {
  // Redacted before the case change and the cut, which would hide a secret from every pattern.
  const slug = redact(title)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
  return slug === "" ? "change" : slug;
}

/** The branch a request on issue `issueNumber` lives on; the same issue always maps to the same branch. */
export function branchName(issueNumber: number, title: string): string {
  if (!Number.isSafeInteger(issueNumber) || issueNumber <= 0) {
    throw new WorkspaceError(
      "branch name",
      String(issueNumber),
      "the issue number must be a positive integer",
      "pass the issue's number",
    );
  }
  return `${AGENT_BRANCH_PREFIX}${issueNumber}-${slugify(title)}`;
}

/** Conservative subset of git's ref-name rules: what we create and push is always plain. */
export function checkBranchName(operation: string, name: string): string {
  const plain = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(name);
  const broken =
    name.includes("..") ||
    name.includes("//") ||
    name.endsWith("/") ||
    name.endsWith(".lock") ||
    name.endsWith(".") ||
    name.includes("/.");
  if (redact(name) !== name) {
    throw new WorkspaceError(
      operation,
      "(name withheld)",
      "the branch name contains something that looks like a secret",
      "choose a branch name without tokens or keys",
    );
  }
  if (!plain || broken || name.length > 200) {
    throw new WorkspaceError(
      operation,
      JSON.stringify(name),
      "not a valid branch name",
      "use letters, digits, `-`, `_`, `.` and `/`, like agent/12-audit-bucket",
    );
  }
  return name;
}

export function isAgentBranch(name: string): boolean {
  return name.startsWith(AGENT_BRANCH_PREFIX) && name.length > AGENT_BRANCH_PREFIX.length;
}
