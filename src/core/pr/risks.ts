// What a reviewer should look at twice, by resource type. Kept as data so adding a type is one line.
const RISKS: readonly { pattern: RegExp; risk: string }[] = [
  { pattern: /^aws_iam_/, risk: "grants AWS permissions: check every action and resource in the policy" },
  {
    pattern: /^aws_(vpc_)?security_group/,
    risk: "changes network access: check the CIDR ranges and ports",
  },
  {
    pattern: /^aws_(s3_bucket|dynamodb_table|db_instance|rds_cluster|efs_file_system|sqs_queue)$/,
    risk: "holds data: removing it later deletes that data",
  },
  {
    pattern: /^aws_kms_key$/,
    risk: "encrypts data: a deleted key makes its data unreadable after the waiting period",
  },
  {
    pattern: /^aws_secretsmanager_secret$/,
    risk: "holds a secret: set its value outside Terraform, never in code",
  },
  { pattern: /^aws_lambda_function$/, risk: "runs code: review the handler and its role" },
  { pattern: /^aws_iam_openid_connect_provider$|github_oidc/, risk: "trusts an external identity provider" },
];

/** Why a resource of this type deserves a reviewer's eye, or null when the table says nothing about it. */
export function typeRisk(type: string): string | null {
  return RISKS.find(({ pattern }) => pattern.test(type))?.risk ?? null;
}

export function risksFor(resources: readonly { type: string; name: string; change: string }[]): string[] {
  const out: string[] = [];
  for (const r of resources) {
    const address = `${r.type}.${r.name}`;
    if (r.change === "remove") out.push(`\`${address}\` is removed: plan carefully, this destroys it.`);
    for (const { pattern, risk } of RISKS) if (pattern.test(r.type)) out.push(`\`${address}\` ${risk}.`);
  }
  return [...new Set(out)];
}
