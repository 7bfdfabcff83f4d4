import {
  type RiskRule,
  type RiskSubject,
  after,
  before,
  hasAfter,
  list,
  record,
  strings,
} from "./risk-util.js";

/** Resources that are a grant in themselves: any change to one changes who may do what. */
const GRANT_TYPES = new Set([
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
  "aws_iam_policy_attachment",
  "aws_iam_role_policy_attachment",
  "aws_iam_user_policy_attachment",
  "aws_iam_group_policy_attachment",
  "aws_iam_role_policies_exclusive",
  "aws_iam_role_policy_attachments_exclusive",
  "aws_iam_user_group_membership",
  "aws_iam_group_membership",
  "aws_s3_bucket_policy",
  "aws_sqs_queue_policy",
  "aws_sns_topic_policy",
  "aws_ecr_repository_policy",
  "aws_secretsmanager_secret_policy",
  "aws_lambda_permission",
  "aws_kms_grant",
]);

/** Policy attributes of resources that are not grants themselves. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ["assume_role_policy", "inline_policy", "managed_policy_arns", "permissions_boundary"],
  aws_iam_user: ["permissions_boundary"],
  aws_kms_key: ["policy"],
  aws_sqs_queue: ["policy"],
  aws_sns_topic: ["policy"],
  aws_s3_bucket: ["policy"],
};

const VERBS = { create: "added", update: "changed", delete: "removed", replace: "replaced" } as const;

export const iamRisk: RiskRule = (s) => {
  const { type, address } = s.change;
  if (s.kind !== "create" && s.kind !== "update" && s.kind !== "delete" && s.kind !== "replace") return [];
  const verb = VERBS[s.kind];
  if (GRANT_TYPES.has(type)) {
    const arn = hasAfter(s.kind) ? after(s).policy_arn : undefined;
    const admin =
      typeof arn === "string" && arn.endsWith(":policy/AdministratorAccess")
        ? "; attaches AdministratorAccess"
        : "";
    return [{ address, kind: "iam", reason: `permissions ${verb}${admin}${wildcards(s)}` }];
  }
  const attributes = POLICY_ATTRIBUTES[type];
  if (!attributes || s.kind === "delete") return [];
  const changed = attributes.filter((name) => {
    const a = JSON.stringify(after(s)[name] ?? null);
    if (s.kind === "create") return a !== "null" && a !== "[]" && a !== '""';
    return a !== JSON.stringify(before(s)[name] ?? null);
  });
  if (changed.length === 0) return [];
  return [{ address, kind: "iam", reason: `policy ${verb} (${changed.join(", ")})${wildcards(s)}` }];
};

/** Broad grants in the new policy documents: allow-all actions and principals open to anyone. */
function wildcards(s: RiskSubject): string {
  if (!hasAfter(s.kind)) return "";
  const findings = new Set<string>();
  for (const document of policyDocuments(after(s))) {
    for (const statement of statements(document)) {
      if (statement.Effect !== "Allow") continue;
      if (matchesAll(statement.Action) || statement.NotAction !== undefined)
        findings.add("allows every action");
      if (isAnyone(statement.Principal) && statement.Condition === undefined) {
        findings.add('open to any principal ("*") without a condition');
      }
    }
  }
  return findings.size === 0 ? "" : `; ${[...findings].join("; ")}`;
}

function policyDocuments(values: Record<string, unknown>): unknown[] {
  const texts = [
    values.policy,
    values.assume_role_policy,
    ...list(values.inline_policy).map((p) => record(p)?.policy),
  ];
  return texts.flatMap((text) => {
    if (typeof text !== "string") return [];
    try {
      return [JSON.parse(text) as unknown];
    } catch {
      return [];
    }
  });
}

function statements(document: unknown): Record<string, unknown>[] {
  const raw = record(document)?.Statement;
  return (Array.isArray(raw) ? raw : [raw]).flatMap((item) => {
    const statement = record(item);
    return statement ? [statement] : [];
  });
}

function matchesAll(action: unknown): boolean {
  const actions = typeof action === "string" ? [action] : strings(action);
  return actions.some((a) => a === "*" || a === "*:*");
}

function isAnyone(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = record(principal)?.AWS;
  return aws === "*" || strings(aws).includes("*");
}
