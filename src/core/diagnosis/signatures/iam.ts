import { awsOperation, compact, fence, get, policyStatement } from "../extract.js";
import type { Signature, Specifics } from "../types.js";

const NOT_AUTHORIZED =
  /(?:User|Principal):\s+(arn:aws[\w-]*:(?:sts|iam)::\d{12}:[^\s]+?)\s+is\s+not\s+authorized\s+to\s+perform:\s+([\w-]+:[\w*]+)(?:\s+on\s+resource:\s+(?:[\w ]+?\s+)?(arn:aws[\w-]*:[^\s]+?|\*))?(?=[\s,;"]|$)/;

const EXPLICIT_DENY =
  /with\s+an\s+explicit\s+deny\s+in\s+(?:a|an)\s+(service\s+control\s+policy|identity-based\s+policy|resource-based\s+policy|permissions\s+boundary|session\s+policy|resource\s+control\s+policy)/;

function principalName(arn: string): string {
  // assumed-role/<role>/<session> → the role is what carries the policy
  const assumed = /:assumed-role\/([^/]+)\//.exec(arn);
  return assumed?.[1] ?? arn.split("/").pop() ?? arn;
}

function grantFix(s: Specifics): string {
  return [
    `Grant \`${get(s, "action")}\` to the role \`${get(s, "role")}\` on exactly this resource, in the policy attached to it (or its permissions set):`,
    "",
    fence(get(s, "policy"), "json"),
    "",
    "If that policy is declared in this repository (an `aws_iam_policy_document` or `aws_iam_role_policy`), add the statement there and let the next plan run with it.",
  ].join("\n");
}

export const iamSignatures: Signature[] = [
  {
    id: "aws-access-denied-explicit-deny",
    category: "permissions_iam",
    title: "An explicit deny blocks the action",
    test: [new RegExp(`${NOT_AUTHORIZED.source}[^\\n]*\\s+${EXPLICIT_DENY.source}`)],
    extract: (m) =>
      compact({
        principal: m[1],
        action: m[2],
        resource: m[3],
        deniedBy: m[4]?.replace(/\s+/g, " "),
        role: m[1] ? principalName(m[1]) : undefined,
      }),
    rootCause: (s) =>
      `\`${get(s, "principal")}\` may not call \`${get(s, "action")}\`${s["resource"] ? ` on \`${get(s, "resource")}\`` : ""}: an explicit deny in a ${get(s, "deniedBy")} overrides any allow.`,
    fix: (s) =>
      `Adding an allow will not help. Ask whoever owns the ${get(s, "deniedBy")} to exempt this role or action, or change the configuration so it no longer needs \`${get(s, "action")}\` (a region or resource outside the deny's scope).`,
    confidence: 0.96,
    autoFixable: false,
  },
  {
    id: "aws-access-denied-not-authorized",
    category: "permissions_iam",
    title: "The role lacks an IAM permission",
    test: [NOT_AUTHORIZED],
    extract: (m, { input }) => {
      const tail = input.text.slice(m.index, m.index + 600);
      if (EXPLICIT_DENY.test(tail.split(/\n\s*\n/)[0] ?? "")) return null;
      const action = m[2] ?? "";
      const resource = m[3] ?? "*";
      return compact({
        principal: m[1],
        role: m[1] ? principalName(m[1]) : undefined,
        action,
        resource,
        policy: policyStatement(action, resource),
      });
    },
    rootCause: (s) =>
      `The job's role \`${get(s, "role")}\` (\`${get(s, "principal")}\`) is not allowed to call \`${get(s, "action")}\` on \`${get(s, "resource")}\`: no identity-based policy grants it.`,
    fix: grantFix,
    confidence: 0.93,
    autoFixable: true,
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
      `AWS answered ${get(s, "code")} to \`${get(s, "action")}\`: the job's role has no permission for it${s["resource"] !== "*" ? ` on \`${get(s, "resource")}\`` : ""} (or a bucket/key policy denies it).`,
    fix: (s) =>
      [
        `Grant \`${get(s, "action")}\` to the job's role; scope \`Resource\` to the exact ARN:`,
        "",
        fence(get(s, "policy"), "json"),
        "",
        "If the resource has its own policy (S3 bucket policy, KMS key policy), check that it allows the role too.",
      ].join("\n"),
    confidence: 0.8,
    autoFixable: true,
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
      `EC2 answered UnauthorizedOperation${s["action"] ? ` to \`${get(s, "action")}\`` : ""}: the role lacks the permission, or a condition (tag, region, SCP) denies it.`,
    fix: (s) =>
      `Decode the failure message to see the exact denied action, resource and conditions: \`aws sts decode-authorization-message --encoded-message <message from the log>\` (needs \`sts:DecodeAuthorizationMessage\`). Then grant ${s["action"] ? `\`${get(s, "action")}\`` : "that action"} on that resource to the job's role.`,
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
      `Terraform could not read its state${s["bucket"] ? ` in the S3 bucket \`${get(s, "bucket")}\`` : ""}: the job's role is denied on the backend bucket (or its KMS key).`,
    fix: (s) => {
      const bucket = s["bucket"] ?? "STATE_BUCKET";
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
