import { awsOperation, code, codeOr, compact, fence, get, policyStatement } from "../extract.js";
import type { Signature, Specifics } from "../types.js";

const NOT_AUTHORIZED =
  /(?:User|Principal):\s+((?:arn:aws[\w-]*:(?:sts|iam)::\d+:)?[^\s:]+?)\s+is\s+not\s+authorized\s+to\s+perform:\s+([\w-]+:[\w*]+)(?:\s+on\s+resource:\s+(?:[\w ]+?\s+)?(arn:aws[\w-]*:[^\s]+?|\*))?(?=[\s,;"]|$)/;

const EXPLICIT_DENY =
  /with\s+an\s+explicit\s+deny\s+in\s+(?:a|an)\s+(service\s+control\s+policy|identity-based\s+policy|resource-based\s+policy|session\s+policy|resource\s+control\s+policy|VPC\s+endpoint\s+policy)/;

const BOUNDARY =
  /(?:because\s+no\s+permissions\s+boundary\s+allows|with\s+an\s+explicit\s+deny\s+in\s+a\s+permissions\s+boundary)/;

/** The rest of the error sentence after the match: AWS says there why the call was denied. */
function reasonAfter(m: RegExpExecArray): string {
  return (m.input.slice(m.index, m.index + 700).split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ");
}

function principalName(arn: string): string {
  // assumed-role/<role>/<session> → the role is what carries the policy
  const assumed = /:assumed-role\/([^/]+)\//.exec(arn);
  return assumed?.[1] ?? arn.split("/").pop() ?? arn;
}

function principalKind(arn: string): string {
  if (/:assumed-role\/|:role\//.test(arn)) return "role";
  if (/:user\//.test(arn) || !arn.startsWith("arn:")) return "user";
  return "principal";
}

function denied(m: RegExpExecArray): Record<string, string> {
  const principal = m[1] ?? "";
  const action = m[2] ?? "";
  const resource = m[3] ?? "*";
  return compact({
    principal,
    role: principalName(principal),
    kind: principalKind(principal),
    action,
    resource,
    policy: policyStatement(action, resource),
  });
}

function grantFix(s: Specifics): string {
  if (get(s, "action").includes("*"))
    return `The log names a wildcard action, ${code(get(s, "action"))}. AWS reports the one action it evaluated, so a wildcard here is not a real request: I will not suggest granting it. Find the specific action that failed (CloudTrail's \`errorCode: AccessDenied\` events for ${code(get(s, "role"))}) and grant only that, scoped to its resource.`;
  const passRole =
    s["action"] === "iam:PassRole"
      ? " `iam:PassRole` lets the principal hand that role to an AWS service: scope it to this role's ARN and, if you can, add an `iam:PassedToService` condition."
      : "";
  return [
    `Grant ${code(get(s, "action"))} to the ${get(s, "kind")} ${code(get(s, "role"))} on exactly this resource, in a policy attached to it:${passRole}`,
    "",
    fence(get(s, "policy"), "json"),
    "",
    "If that policy is managed in this repository (an `aws_iam_policy_document` or `aws_iam_role_policy`), add the statement there and apply it with an identity that may change IAM. I will not change IAM permissions automatically.",
  ].join("\n");
}

function trustSubject(s: Specifics): string {
  const repo = s["repository"];
  if (!repo) {
    return "`repo:` + the repository's `owner/name` exactly as GitHub spells it (the value is case-sensitive), then `:ref:refs/heads/` + branch for pushes, `:pull_request` for pull requests, or `:environment:` + name when the job uses an environment";
  }
  const event = s["event"];
  const exact =
    event === "pull_request"
      ? `repo:${repo}:pull_request`
      : s["branch"]
        ? `repo:${repo}:ref:refs/heads/${s["branch"]}`
        : `repo:${repo}:*`;
  return `${code(exact)} for this run (the value is case-sensitive: the owner and repository must be spelled exactly as GitHub does; a job with an environment uses ${code(`repo:${repo}:environment:`)} + its name instead)`;
}

export const iamSignatures: Signature[] = [
  {
    id: "oidc-assume-role-denied",
    category: "permissions_iam",
    title: "The role's trust policy does not accept this workflow",
    test: [/Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity/],
    extract: (_m, { input, repo }) =>
      compact({
        role: /role-to-assume:\s*(arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+)/.exec(input.text)?.[1],
        repository: repo.repository,
        event: repo.event,
        branch: repo.branch,
      }),
    rootCause: (s) =>
      `GitHub issued a valid OIDC token, but STS refused to let it assume ${codeOr(s, "role", "the role")}: the role's trust policy does not match this run's token (the \`sub\` claim — repository, branch or environment, case-sensitive — or the \`aud\` claim).`,
    fix: (s) =>
      `Correct the trust policy of ${codeOr(s, "role", "the role")}: allow \`sts:AssumeRoleWithWebIdentity\` for the GitHub OIDC provider with \`token.actions.githubusercontent.com:aud\` = \`sts.amazonaws.com\` and a \`token.actions.githubusercontent.com:sub\` condition matching ${trustSubject(s)}.`,
    confidence: 0.93,
    autoFixable: false,
  },
  {
    id: "aws-access-denied-permissions-boundary",
    category: "permissions_iam",
    title: "A permissions boundary blocks the action",
    test: [new RegExp(`${NOT_AUTHORIZED.source}[^\\n]*?\\s+${BOUNDARY.source}`)],
    extract: (m) => denied(m),
    rootCause: (s) =>
      `${code(get(s, "principal"))} may not call ${code(get(s, "action"))}${s["resource"] !== "*" ? ` on ${code(get(s, "resource"))}` : ""}: the ${get(s, "kind")}'s permissions boundary does not allow it, so no identity policy can grant it.`,
    fix: (s) =>
      `Add ${code(get(s, "action"))} to the permissions boundary attached to ${code(get(s, "role"))} (the boundary policy, not the role's own policy) and deploy that change; whoever owns the boundary must approve it. I will not change IAM permissions automatically.`,
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "aws-access-denied-explicit-deny",
    category: "permissions_iam",
    title: "An explicit deny blocks the action",
    test: [new RegExp(`${NOT_AUTHORIZED.source}[^\\n]*?\\s+${EXPLICIT_DENY.source}`)],
    extract: (m) => {
      const deniedBy = EXPLICIT_DENY.exec(reasonAfter(m))?.[1];
      return { ...denied(m), ...compact({ deniedBy: deniedBy?.replace(/\s+/g, " ") }) };
    },
    rootCause: (s) =>
      `${code(get(s, "principal"))} may not call ${code(get(s, "action"))}${s["resource"] !== "*" ? ` on ${code(get(s, "resource"))}` : ""}: an explicit deny in a ${get(s, "deniedBy", "policy")} overrides any allow.`,
    fix: (s) =>
      `Adding an allow will not help. Ask whoever owns the ${get(s, "deniedBy", "denying policy")} to exempt this ${get(s, "kind")} or action, or change the configuration so it no longer needs ${code(get(s, "action"))} (a region or resource outside the deny's scope).`,
    confidence: 0.96,
    autoFixable: false,
  },
  {
    id: "aws-access-denied-not-authorized",
    category: "permissions_iam",
    title: "The identity running Terraform lacks an IAM permission",
    test: [NOT_AUTHORIZED],
    extract: (m) => {
      const reason = reasonAfter(m);
      if (EXPLICIT_DENY.test(reason) || BOUNDARY.test(reason)) return null;
      return denied(m);
    },
    rootCause: (s) =>
      `The ${get(s, "kind")} ${code(get(s, "role"))}${s["principal"] !== s["role"] ? ` (${code(get(s, "principal"))})` : ""} is not allowed to call ${code(get(s, "action"))}${s["resource"] !== "*" ? ` on ${code(get(s, "resource"))}` : ""}: no identity-based policy grants it.`,
    fix: grantFix,
    confidence: 0.93,
    autoFixable: false,
    evidenceAfter: 2,
  },
  {
    id: "aws-access-denied-operation",
    category: "permissions_iam",
    title: "AWS denied an API call",
    test: [
      /operation error [A-Za-z0-9 ]+: \w+,[\s\S]{0,400}?(?:api error )?(AccessDenied(?:Exception)?|Forbidden): ([^\n]*)/,
    ],
    extract: (m) => {
      if (/is\s+not\s+authorized\s+to\s+perform/.test(m[0])) return null;
      const op = awsOperation(m[0]);
      if (!op) return null;
      const bucket = /S3\s+Bucket\s+\(([^)]+)\)|bucket\s+"([^"]+)"/.exec(
        m.input.slice(Math.max(0, m.index - 300), m.index + m[0].length),
      );
      const name = bucket?.[1] ?? bucket?.[2];
      const resource = name && op.service === "S3" ? `arn:aws:s3:::${name}` : "*";
      return compact({
        action: op.action,
        service: op.service,
        code: m[1],
        message: m[2],
        resource,
        policy: policyStatement(op.action, resource),
      });
    },
    rootCause: (s) =>
      `AWS answered ${get(s, "code")} to ${code(get(s, "action"))}: the job's role has no permission for it${s["resource"] !== "*" ? ` on ${code(get(s, "resource"))}` : ""} (or a bucket/key policy denies it).`,
    fix: (s) =>
      [
        `Grant ${code(get(s, "action"))} to the job's role; scope \`Resource\` to the exact ARN:`,
        "",
        fence(get(s, "policy"), "json"),
        "",
        "If the resource has its own policy (S3 bucket policy, KMS key policy), check that it allows the role too.",
      ].join("\n"),
    confidence: 0.8,
    autoFixable: false,
  },
  {
    id: "aws-unauthorized-operation",
    category: "permissions_iam",
    title: "EC2 refused the operation (UnauthorizedOperation)",
    test: [
      /UnauthorizedOperation: You are not authorized to perform this operation\.(?:\s+Encoded authorization failure message:\s+([\w-]+))?/,
    ],
    extract: (m) => {
      const op = awsOperation(m.input.slice(Math.max(0, m.index - 400), m.index + 10));
      return compact({ action: op?.action, encoded: m[1] ? `${m[1].slice(0, 24)}…` : undefined });
    },
    rootCause: (s) =>
      `EC2 answered UnauthorizedOperation${s["action"] ? ` to ${code(get(s, "action"))}` : ""}: the role lacks the permission, or a condition (tag, region, SCP) denies it.`,
    fix: (s) =>
      `Decode the encoded failure message printed in the log with \`aws sts decode-authorization-message --encoded-message\` followed by that message (needs \`sts:DecodeAuthorizationMessage\`) to see the exact denied action, resource and condition. Then grant ${codeOr(s, "action", "that action")} on that resource to the job's role, or satisfy the condition; I will not change IAM permissions automatically.`,
    confidence: 0.88,
    autoFixable: false,
  },
  {
    id: "terraform-backend-access-denied",
    category: "permissions_iam",
    title: "The role cannot read the Terraform state bucket",
    test: [
      /(?:Failed to get existing workspaces|Error refreshing state|[Ee]rror loading state|Error: Failed to load state|error configuring S3 Backend)[\s\S]{0,400}?(AccessDenied|Forbidden|status code: 403|StatusCode: 403)/,
    ],
    extract: (m) => {
      const bucket = /S3 bucket "([^"]+)"|bucket[= ]"?([\w.-]{3,63})"?/.exec(m[0]);
      return compact({ bucket: bucket?.[1] ?? bucket?.[2] });
    },
    rootCause: (s) =>
      `Terraform could not read its state${s["bucket"] ? ` in the S3 bucket ${code(get(s, "bucket"))}` : ""}: the job's role is denied on the backend bucket (or its KMS key).`,
    fix: (s) => {
      const bucket = s["bucket"];
      if (!bucket)
        return "Give the job's role `s3:ListBucket` on the state bucket and `s3:GetObject`, `s3:PutObject`, `s3:DeleteObject` on its objects (the bucket named in the backend configuration), plus `kms:Decrypt`/`kms:GenerateDataKey` if the bucket uses a customer key and the lock table's `dynamodb:GetItem/PutItem/DeleteItem` if one is used.";
      const statement = JSON.stringify(
        {
          Effect: "Allow",
          Action: ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        },
        null,
        2,
      );
      return `Give the job's role access to the state backend (plus \`kms:Decrypt\`/\`kms:GenerateDataKey\` if the bucket uses a customer key, and the lock table's \`dynamodb:GetItem/PutItem/DeleteItem\` if used):\n\n${fence(statement, "json")}`;
    },
    confidence: 0.92,
    autoFixable: false,
  },
];
