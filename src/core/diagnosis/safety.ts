import type { Diagnosis, DiagnosisCategory } from "./types.js";

// Causes whose remedy is a decision about access, never a mechanical edit: the agent explains them.
const NEVER: ReadonlySet<DiagnosisCategory> = new Set(["permissions_iam", "credentials"]);

// Text that would have a fix grant access or touch workflows, wherever it came from (a signature's
// template, a fact pulled from the log, or a log line forged to look like one).
const WIDENING: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /\b[\w-]+:\*(?![\w-])|"\*"\s*[,\]]|\*:\*/, why: "a wildcard IAM action or resource" },
  {
    pattern: /AdministratorAccess|PowerUserAccess|IAMFullAccess|arn:aws[\w-]*:iam::aws:policy\//,
    why: "an AWS-managed admin policy",
  },
  {
    pattern:
      /"Effect"\s*:\s*"Allow"|\bEffect\s*=\s*"Allow"|aws_iam_(?:role_)?policy(?:_attachment|_document)?\b/,
    why: "an IAM policy statement",
  },
  {
    pattern: /\.github\/(?:workflows|actions)\/|\bid-token:\s*write\b|\bpermissions:\s*\n/,
    why: "a workflow file or its permissions",
  },
  {
    pattern: /\b(?:AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID|AWS_SESSION_TOKEN|role-to-assume)\b/,
    why: "credentials",
  },
];

/**
 * Why this diagnosis must not be fixed automatically, or null when it may be. Only a known signature's
 * mechanical fix qualifies; whatever a diagnosis says, a fix never grants IAM access, changes
 * credentials or edits workflows — those are explained to a human instead.
 */
export function autoFixRefusal(d: Diagnosis): string | null {
  if (d.source !== "signature" || d.signatureId === null)
    return "only failures a known signature explains are fixed automatically; a model's analysis is advice";
  if (!d.autoFixable) return "this cause needs a decision, not a mechanical edit";
  if (NEVER.has(d.category))
    return `${d.category === "credentials" ? "credentials" : "IAM permissions"} are never changed automatically: a person decides who gets access`;
  const texts = [d.title, d.rootCause, d.fix, ...Object.values(d.specifics)];
  for (const { pattern, why } of WIDENING) {
    if (texts.some((t) => pattern.test(t)))
      return `the fix would involve ${why}, which I never change automatically: a person decides who gets access`;
  }
  return null;
}
