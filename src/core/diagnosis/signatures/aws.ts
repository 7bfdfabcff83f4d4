import {
  awsOperation,
  compact,
  fence,
  get,
  groupIndex,
  importBlock,
  paragraphAt,
  terraformLocation,
} from "../extract.js";
import type { Signature, Specifics } from "../types.js";

function importFix(s: Specifics, note = ""): string {
  return [
    `The resource already exists in AWS but not in this state. Adopt it instead of creating it: add this block next to \`${get(s, "address")}\` and plan again (Terraform 1.5+).${note}`,
    "",
    fence(get(s, "importBlock"), "hcl"),
    "",
    "If the existing one belongs to another stack, give this resource a different name instead.",
  ].join("\n");
}

function withImport(address: string | undefined, id: string | undefined): Record<string, string> {
  return compact({
    address,
    id,
    importBlock: address && id ? importBlock(address, id) : undefined,
  });
}

const CREATING = /Error:\s+creating\s+([\w ().\n-]+?)\s+\(([^)\s]+)\)/;

function creatingBefore(input: string, index: number): RegExpExecArray | null {
  const start = input.lastIndexOf("Error:", index);
  return CREATING.exec(input.slice(Math.max(0, start), index + 1));
}

export const conflictSignatures: Signature[] = [
  {
    id: "aws-s3-bucket-already-owned",
    category: "resource_conflict_already_exists",
    title: "The S3 bucket already exists in this account",
    test: [
      /Error: creating S3 Bucket \(([^)]+)\)[\s\S]{0,500}?BucketAlreadyOwnedByYou/,
      /Error creating S3 bucket: BucketAlreadyOwnedByYou[\s\S]{0,400}?()/,
    ],
    extract: (m) => {
      const loc = terraformLocation(m.input, m.index);
      const id =
        m[1] || (/bucket\s*=\s*"([^"]+)"/.exec(m.input.slice(m.index, m.index + 800))?.[1] ?? undefined);
      return withImport(loc.address, id);
    },
    rootCause: (s) =>
      `The bucket \`${get(s, "id")}\` already exists and this account owns it, but \`${get(s, "address")}\` is not in the Terraform state (created by hand, by another stack, or by an apply whose state was lost).`,
    fix: (s) => importFix(s),
    confidence: 0.97,
    autoFixable: true,
    evidenceAfter: 4,
  },
  {
    id: "aws-s3-bucket-name-taken",
    category: "resource_conflict_already_exists",
    title: "The S3 bucket name is taken by another account",
    test: [/\bBucketAlreadyExists\b(?!OwnedByYou)[^\n]*/],
    extract: (m) => {
      const created = creatingBefore(m.input, m.index);
      return compact({ bucket: created?.[2], address: terraformLocation(m.input, m.index).address });
    },
    rootCause: (s) =>
      `S3 bucket names are global and \`${get(s, "bucket")}\` belongs to another AWS account, so it cannot be created or imported.`,
    fix: (s) =>
      `Choose another name for \`${get(s, "address", "the bucket")}\`; a prefix with the account ID and region (or \`bucket_prefix\`) avoids collisions.`,
    confidence: 0.93,
    autoFixable: false,
  },
  {
    id: "aws-iam-entity-already-exists",
    category: "resource_conflict_already_exists",
    title: "The IAM entity already exists",
    test: [
      /EntityAlreadyExists: (Role|Policy|User|Group|Instance Profile|InstanceProfile)\s+(?:with\s+name\s+)?([\w+=,.@-]+)\s+already\s+exists/,
    ],
    extract: (m) => {
      const loc = terraformLocation(m.input, m.index);
      const kind = m[1] ?? "";
      const name = m[2] ?? "";
      // Policies import by ARN; roles, users, groups and instance profiles by name.
      const id = kind === "Policy" ? `arn:aws:iam::ACCOUNT_ID:policy/${name}` : name;
      return { ...withImport(loc.address, id), kind, name };
    },
    rootCause: (s) =>
      `An IAM ${get(s, "kind").toLowerCase()} named \`${get(s, "name")}\` already exists, so \`${get(s, "address")}\` cannot create it. IAM names are unique per account.`,
    fix: (s) => importFix(s, s["kind"] === "Policy" ? " Replace ACCOUNT_ID with the account's ID." : ""),
    confidence: 0.95,
    autoFixable: true,
    evidenceAfter: 4,
  },
  {
    id: "aws-resource-already-exists",
    category: "resource_conflict_already_exists",
    title: "The resource already exists in AWS",
    test: [
      /\b(ResourceAlreadyExistsException|AlreadyExistsException|RepositoryAlreadyExistsException|DBInstanceAlreadyExists|DBClusterAlreadyExistsFault|InvalidGroup\.Duplicate|ResourceInUseException|ResourceExistsException|DuplicateRecordException)\b:?\s*([^\n]*)/,
    ],
    extract: (m) => {
      if (m[1] === "ResourceInUseException" && !/already exists/i.test(m[2] ?? "")) return null;
      const created = creatingBefore(m.input, m.index);
      const loc = terraformLocation(m.input, created ? m.input.lastIndexOf("Error:", m.index) : m.index);
      return {
        ...withImport(loc.address, created?.[2]),
        ...compact({ code: m[1], kind: created?.[1]?.replace(/\s+/g, " "), message: m[2] }),
      };
    },
    rootCause: (s) =>
      `AWS answered ${get(s, "code")}: ${s["kind"] ? `the ${get(s, "kind")} \`${get(s, "id")}\`` : "the resource"} already exists but \`${get(s, "address")}\` is not in the Terraform state.`,
    fix: (s) =>
      importFix(
        s,
        " The import ID format differs between resource types: check the Import section of the resource's documentation page.",
      ),
    confidence: 0.88,
    autoFixable: true,
    evidenceAfter: 4,
  },
];

export const quotaSignatures: Signature[] = [
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
      const message = paragraphAt(m.input, groupIndex(m, 2));
      return compact({ code: m[1], message, service: op?.service, action: op?.action });
    },
    rootCause: (s) =>
      `AWS refused \`${get(s, "action", "the request")}\` with ${get(s, "code")}: ${get(s, "message", "a service quota for this account and region is used up")}`,
    fix: (s) =>
      `Free unused resources of this kind, or request a higher quota in the Service Quotas console (or \`aws service-quotas request-service-quota-increase\`)${s["service"] ? ` for ${get(s, "service")}` : ""} in this region. Quotas are per account and region.`,
    confidence: 0.92,
    autoFixable: false,
  },
  {
    id: "aws-throttling",
    category: "quota_limit",
    title: "AWS throttled the API calls",
    test: [
      /\b(ThrottlingException|Throttling|RequestLimitExceeded|TooManyRequestsException|SlowDown): ([^\n]*)/,
      /()failed to get rate limit token, (retry quota exceeded[^\n]*)/,
    ],
    extract: (m) => compact({ code: m[1] || "retry quota exceeded", message: m[2] }),
    rootCause: (s) =>
      `AWS throttled the API calls (${get(s, "code")}): too many requests per second for this account and region, often from parallel applies or a large plan refreshing many resources.`,
    fix: () =>
      "Re-run the job. If it repeats, lower Terraform's parallelism (`-parallelism=5`), raise the provider's `max_retries`, serialise workflows that hit the same account (`concurrency:`), or ask for a higher API rate quota.",
    confidence: 0.86,
    autoFixable: false,
  },
];

export const networkSignatures: Signature[] = [
  {
    id: "terraform-registry-unreachable",
    category: "network_timeout",
    title: "The runner could not reach the Terraform registry",
    test: [
      /could\s+not\s+connect\s+to\s+([\w.-]+\.[a-z]{2,}):\s+failed\s+to\s+request\s+discovery\s+document/,
      /Failed to install provider[\s\S]{0,300}?(?:i\/o timeout|TLS handshake timeout|connection reset by peer)()/,
    ],
    extract: (m) => compact({ host: m[1] || "registry.terraform.io" }),
    rootCause: (s) =>
      `\`terraform init\` could not reach ${get(s, "host")} to download providers or modules: a network timeout or outage between the runner and the registry.`,
    fix: () =>
      "Re-run the job. If it keeps failing, check the registry's status page and the runner's egress (proxy, firewall, NAT); cache providers with `TF_PLUGIN_CACHE_DIR` or a provider mirror to depend less on the registry.",
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "network-dial-timeout",
    category: "network_timeout",
    title: "A network connection timed out or was refused",
    test: [
      /dial tcp (?:([\w.-]+|\[[0-9a-f:]+\]):(\d+)|lookup ([\w.-]+)[^:\n]*)?:?\s*(i\/o timeout|connect: connection refused|connection refused|no such host|connect: network is unreachable|connection reset by peer)/,
      /(?:Get|Post|Put) "https?:\/\/([\w.-]+)[^"]*"()()?:\s*(net\/http: TLS handshake timeout|context deadline exceeded \(Client\.Timeout exceeded while awaiting headers\)|net\/http: request canceled while waiting for connection)/,
    ],
    extract: (m) => compact({ host: m[1] ?? m[3], port: m[2], error: m[4] }),
    rootCause: (s) =>
      `A connection${s["host"] ? ` to \`${get(s, "host")}${s["port"] ? `:${get(s, "port")}` : ""}\`` : ""} failed with "${get(s, "error")}": the endpoint was unreachable from the runner (network outage, DNS, firewall, missing VPC endpoint or proxy).`,
    fix: () =>
      "Re-run the job to rule out a transient outage. If it persists: on self-hosted runners check DNS, NAT/proxy and security groups, and add VPC endpoints for AWS services in private subnets; set `HTTPS_PROXY` when a proxy is required.",
    confidence: 0.84,
    autoFixable: false,
  },
  {
    id: "pip-network-timeout",
    category: "network_timeout",
    title: "pip could not reach the package index",
    test: [
      /(ReadTimeoutError|ConnectTimeoutError|NewConnectionError|ProtocolError)\(?[^\n]*?host='([\w.-]+)'/,
    ],
    extract: (m) => compact({ error: m[1], host: m[2] }),
    rootCause: (s) =>
      `pip failed with ${get(s, "error")} talking to \`${get(s, "host")}\`: the package index did not answer in time.`,
    fix: () =>
      "Re-run the job. If it repeats, raise `--timeout` and `--retries`, cache dependencies (`actions/setup-python` with `cache: pip`), or use an internal mirror.",
    confidence: 0.86,
    autoFixable: false,
  },
];
