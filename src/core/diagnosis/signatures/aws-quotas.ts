// AWS service quotas and API throttling.
import {
  awsOperation,
  cleanMessage,
  code,
  codeOr,
  compact,
  get,
  groupIndex,
  paragraphAt,
  terraformLocation,
} from "../extract.js";
import type { Signature } from "../types.js";

const IAM_QUOTA_FIX: Record<string, string> = {
  PoliciesPerRole:
    "Attach fewer managed policies to the role: merge related permissions into one customer-managed policy (the default quota is 10 per role; it can be raised to 20 in Service Quotas).",
  PoliciesPerUser:
    "Attach fewer managed policies to the user: merge related permissions into one customer-managed policy, or grant them through a group.",
  PolicySize:
    "Split the policy into several managed policies that each stay under the size quota (whitespace does not count, so shorten by merging statements and actions rather than reformatting); this quota cannot be raised.",
  RoleSize:
    "Shorten the role's inline policies or move them into managed policies; the inline size quota cannot be raised beyond 10,240 characters.",
};

export const quotaSignatures: Signature[] = [
  {
    id: "aws-iam-quota",
    category: "quota_limit",
    title: "An IAM quota is exceeded",
    test: [/Cannot exceed quota for (\w+): (\d+)/],
    extract: (m) => compact({ quota: m[1], limit: m[2] }),
    rootCause: (s) =>
      `IAM refused the change: it would exceed the ${code(get(s, "quota"))} quota of ${get(s, "limit")}${s["quota"] === "PolicySize" ? " characters" : ""}.`,
    fix: (s) =>
      IAM_QUOTA_FIX[get(s, "quota")] ??
      `Reduce what the change adds under ${code(get(s, "quota"))}, or request a higher value in the Service Quotas console if the quota is adjustable.`,
    confidence: 0.96,
    autoFixable: false,
  },
  {
    id: "aws-limit-exceeded",
    category: "quota_limit",
    title: "An AWS service quota is exhausted",
    test: [
      /\b(LimitExceeded(?:Exception)?|ServiceQuotaExceeded(?:Exception)?|VcpuLimitExceeded|AddressLimitExceeded|VpcLimitExceeded|TooManyBuckets|InstanceLimitExceeded|NatGatewayLimitExceeded|InternetGatewayLimitExceeded|RulesPerSecurityGroupLimitExceeded|SecurityGroupLimitExceeded)\b:\s*([^\n]*)/,
    ],
    extract: (m) => {
      const op = awsOperation(
        m.input.slice(Math.max(0, m.input.lastIndexOf("Error:", m.index)), m.index + 1),
      );
      const message = cleanMessage(paragraphAt(m.input, groupIndex(m, 2)));
      return compact({ code: m[1], message, service: op?.service, action: op?.action });
    },
    rootCause: (s) =>
      `AWS refused ${codeOr(s, "action", "the request")} with ${code(get(s, "code"))}: ${s["message"] ? code(get(s, "message")) : "a service quota for this account and region is used up"}`,
    fix: (s) =>
      `Free unused resources of this kind, or request a higher quota in the Service Quotas console (or \`aws service-quotas request-service-quota-increase\`)${s["service"] ? ` for ${get(s, "service")}` : ""} in this region. Quotas are per account and region.`,
    confidence: 0.92,
    autoFixable: false,
  },
  {
    id: "cloud-quota-exceeded",
    category: "quota_limit",
    title: "A cloud project quota is exceeded",
    test: [/Quota '([\w-]+)' exceeded\.\s+Limit: ([\d.]+)(?: in region ([\w-]+)| globally)?/],
    extract: (m) => {
      const block = m.input.slice(m.index, m.index + 600);
      return compact({
        quota: m[1],
        limit: m[2]?.replace(/\.0$/, ""),
        region: m[3],
        metric: /metric name = (\S+)/.exec(block)?.[1],
        address: terraformLocation(m.input, Math.max(0, m.input.lastIndexOf("Error", m.index))).address,
      });
    },
    rootCause: (s) =>
      `The project's ${code(get(s, "quota"))} quota is ${get(s, "limit")}${s["region"] ? ` in ${get(s, "region")}` : ""}, and ${codeOr(s, "address", "this apply")} would go over it: the configuration creates more of these than the default quota allows.`,
    fix: (s) =>
      `Request a higher ${code(get(s, "quota"))} quota for the project (console: IAM & Admin → Quotas${s["metric"] ? `, metric ${code(get(s, "metric"))}` : ""}) and wait for approval before applying, or delete unused ones.`,
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "aws-throttling",
    category: "quota_limit",
    title: "AWS throttled the API calls",
    test: [
      /\b(ThrottlingException|Throttling|RequestLimitExceeded|TooManyRequestsException|SlowDown|Rate exceeded)\b[:.]\s*([^\n]*)/,
      /()(?:failed to get rate limit token, (retry quota exceeded[^\n]*))/,
      /()(Your request has been throttled[^\n]*)/,
    ],
    extract: (m) => {
      const line = m.input.slice(
        Math.max(0, m.input.lastIndexOf("\n", m.index)),
        m.input.indexOf("\n", m.index) === -1 ? undefined : m.input.indexOf("\n", m.index),
      );
      return compact({
        code: m[1] || (/RequestLimitExceeded/.test(line) ? "RequestLimitExceeded" : "throttling"),
        byEc2: /throttled by EC2|EC2 Error Code: RequestLimitExceeded/.test(line) ? "yes" : undefined,
      });
    },
    rootCause: (s) =>
      s["byEc2"]
        ? "AWS throttled the EC2 API calls made on the configuration's behalf (Lambda functions in a VPC create network interfaces through EC2): too many at once for the account's EC2 request rate, and the provider does not retry this error."
        : `AWS throttled the API calls (${code(get(s, "code"))}): too many requests per second for this account and region, often from parallel applies or a large plan refreshing many resources.`,
    fix: () =>
      "Lower Terraform's concurrency (`terraform apply -parallelism=3`, default 10) and re-run; raise the provider's `max_retries`, serialise workflows that hit the same account (`concurrency:`), or ask AWS for a higher API rate quota if it keeps happening.",
    confidence: 0.88,
    autoFixable: false,
  },
];
