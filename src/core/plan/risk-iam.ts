import type { Risk, RiskSeverity } from "./types.js";
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

/** AWS managed policies that grant administrator power, and how severe attaching one is. */
const ADMIN_POLICIES: Readonly<Record<string, RiskSeverity>> = {
  AdministratorAccess: "critical",
  IAMFullAccess: "critical",
  PowerUserAccess: "high",
};
const TAG_ATTRIBUTES = new Set(["tags", "tags_all"]);

export const iamRisk: RiskRule = (s) => {
  const { type, address } = s.change;
  if (s.kind !== "create" && s.kind !== "update" && s.kind !== "delete" && s.kind !== "replace") return [];
  // Tags grant nothing: an update that only retags a policy is not a permissions change.
  if (s.kind === "update" && onlyTagsChanged(s)) return [];
  const verb = VERBS[s.kind];
  const grants = hasAfter(s.kind) ? grantsOf(s) : { notes: [], severity: "info" as RiskSeverity };
  const risk = (what: string): Risk => ({
    address,
    kind: "iam",
    // Removing a grant narrows access; what it granted no longer matters.
    severity: s.kind === "delete" ? "info" : grants.severity,
    reason: `${what}${grants.notes.map((n) => `; ${n}`).join("")}`,
  });
  if (GRANT_TYPES.has(type)) return [risk(`permissions ${verb}`)];
  const attributes = POLICY_ATTRIBUTES[type];
  if (!attributes || s.kind === "delete") return [];
  const changed = attributes.filter((name) => {
    const a = JSON.stringify(after(s)[name] ?? null);
    if (s.kind === "create") return a !== "null" && a !== "[]" && a !== '""';
    return a !== JSON.stringify(before(s)[name] ?? null);
  });
  if (changed.length === 0) return [];
  return [risk(`policy ${verb} (${changed.join(", ")})`)];
};

function onlyTagsChanged(s: RiskSubject): boolean {
  const a = after(s);
  const b = before(s);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const unknown = record(s.change.change.after_unknown) ?? {};
  return [...keys].every(
    (k) => TAG_ATTRIBUTES.has(k) || (JSON.stringify(a[k]) === JSON.stringify(b[k]) && unknown[k] !== true),
  );
}

/** What the new state grants: admin policies, allow-all actions, open principals, service wildcards. */
function grantsOf(s: RiskSubject): { notes: string[]; severity: RiskSeverity } {
  const notes = new Set<string>();
  let severity: RiskSeverity = "info";
  const raise = (to: RiskSeverity) => {
    if (to === "critical" || (to === "high" && severity === "info")) severity = to;
  };
  const values = after(s);
  for (const arn of [values.policy_arn, ...strings(values.managed_policy_arns)]) {
    const name = typeof arn === "string" ? /:policy\/([\w+=,.@-]+)$/.exec(arn)?.[1] : undefined;
    const level = name === undefined ? undefined : ADMIN_POLICIES[name];
    if (level) {
      notes.add(`attaches ${name}`);
      raise(level);
    }
  }
  for (const document of policyDocuments(values)) {
    for (const statement of statements(document)) {
      if (statement.Effect !== "Allow") continue;
      const services = serviceWildcards(statement.Action);
      if (matchesAll(statement.Action) || statement.NotAction !== undefined) {
        notes.add("allows every action");
        raise("critical");
      } else if (services.length > 0 && matchesAll(statement.Resource)) {
        notes.add(`allows ${services.join(", ")} on every resource`);
        raise("high");
      }
      if (isAnyone(statement.Principal) && statement.Condition === undefined) {
        notes.add('open to any principal ("*") without a condition');
        raise("critical");
      }
    }
  }
  return { notes: [...notes], severity };
}

function serviceWildcards(action: unknown): string[] {
  const actions = typeof action === "string" ? [action] : strings(action);
  return actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a));
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
