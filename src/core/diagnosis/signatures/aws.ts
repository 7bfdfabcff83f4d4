import {
  awsOperation,
  cleanMessage,
  code,
  codeOr,
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
  const block = s["importBlock"];
  const adopt = block
    ? [
        "",
        `If it was created outside Terraform (by hand, by an AWS service, or by an apply whose state was lost), adopt it instead: add this block next to ${codeOr(s, "address", "the resource")} and plan again (Terraform 1.5+).${note}`,
        "",
        fence(block, "hcl"),
      ]
    : [
        `If it was created outside Terraform (by hand, by an AWS service, or by an apply whose state was lost), import it into ${codeOr(s, "address", "the resource")} with an \`import\` block.${note}`,
      ];
  return [
    `If another resource, module instance or stack creates an object with the same name, keep one definition or make the name unique (a \`name_prefix\`, or the environment or module instance in the name).`,
    ...adopt,
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
      `The bucket ${codeOr(s, "id", "named in the configuration")} already exists and this account owns it, but ${codeOr(s, "address", "the resource")} is not in the Terraform state (created by hand, by another stack, or by an apply whose state was lost).`,
    fix: (s) => importFix(s),
    confidence: 0.97,
    autoFixable: false,
    evidenceAfter: 4,
  },
  {
    id: "aws-s3-bucket-name-taken",
    category: "resource_conflict_already_exists",
    title: "The S3 bucket name is taken by another account",
    test: [/\bBucketAlreadyExists\b(?!OwnedByYou)[^\n]*/],
    extract: (m) => {
      const created = creatingBefore(m.input, m.index);
      const start = Math.max(0, m.input.lastIndexOf("Error", m.index));
      return compact({ bucket: created?.[2], address: terraformLocation(m.input, start).address });
    },
    rootCause: (s) =>
      `S3 bucket names are global across all AWS accounts, and the name ${s["bucket"] ? code(get(s, "bucket")) : `of ${codeOr(s, "address", "the bucket")}`} is already taken by someone else, so it cannot be created or imported.`,
    fix: (s) =>
      `Give ${codeOr(s, "address", "the bucket")} a unique name: append the account ID and region (\`"\${var.name}-\${data.aws_caller_identity.current.account_id}"\`) or use \`bucket_prefix\`.`,
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
      const account = /arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(m.input)?.[1];
      const id = kind === "Policy" ? (account ? `arn:aws:iam::${account}:policy/${name}` : undefined) : name;
      return { ...withImport(loc.address, id), kind, name };
    },
    rootCause: (s) =>
      `An IAM ${get(s, "kind").toLowerCase()} named ${code(get(s, "name"))} already exists, so ${codeOr(s, "address", "the configuration")} cannot create it. IAM names are unique per account: a fixed name collides as soon as a second copy of the module or stack runs in the account.`,
    fix: (s) => importFix(s),
    confidence: 0.95,
    autoFixable: false,
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
      const start = Math.max(0, m.input.lastIndexOf("Error", m.index));
      const loc = terraformLocation(m.input, start);
      const around = m.input.slice(Math.max(0, m.index - 300), m.index + 600);
      // Terraform 0.11 printed the address first: `* aws_security_group.x: Error creating …`.
      const legacy =
        /(?:^|\n)\s*\*?\s*((?:module\.[\w-]+\.)*[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?): Error creating/.exec(
          around,
        )?.[1];
      const quoted = /'([^']+)' already exists/.exec(around)?.[1];
      const name = created?.[2] ?? quoted;
      const serviceOwned = name !== undefined && /^\/aws\/[\w-]+\//.test(name) ? "yes" : undefined;
      return {
        ...withImport(loc.address ?? legacy, name),
        ...compact({
          code: m[1],
          kind: created?.[1]?.replace(/\s+/g, " "),
          name,
          vpc: /already exists for VPC '([^']+)'/.exec(around)?.[1],
          serviceOwned,
        }),
      };
    },
    rootCause: (s) => {
      const what = s["name"]
        ? `${s["kind"] ? `the ${get(s, "kind")} ` : ""}${code(get(s, "name"))}`
        : "the object";
      const where = s["vpc"] ? ` in VPC ${code(get(s, "vpc"))}` : "";
      if (s["serviceOwned"])
        return `AWS answered ${code(get(s, "code"))}: ${what} already exists${where}. Names under \`/aws/<service>/\` are created by the AWS service itself once logging is on, so ${codeOr(s, "address", "the configuration")} collides with the one the service made.`;
      return `AWS answered ${code(get(s, "code"))}: ${what} already exists${where}, so ${codeOr(s, "address", "the configuration")} cannot create it. Either another definition (a duplicate resource, a second module instance deriving the same name) created it, or it was made outside this state.`;
    },
    fix: (s) =>
      s["serviceOwned"] && s["importBlock"]
        ? [
            `Adopt the object the service created: add this block next to ${codeOr(s, "address", "the resource")} and plan again (Terraform 1.5+), or \`terraform import\` it.`,
            "",
            fence(get(s, "importBlock"), "hcl"),
          ].join("\n")
        : importFix(
            s,
            " The import ID format differs between resource types: check the Import section of the resource's documentation page.",
          ),
    confidence: 0.88,
    autoFixable: false,
    evidenceAfter: 4,
  },
];

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

const PRIVATE_IP = /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/;

export const networkSignatures: Signature[] = [
  {
    id: "terraform-registry-unreachable",
    category: "network_timeout",
    title: "Terraform could not reach the registry",
    test: [
      /could\s+not\s+connect\s+to\s+([\w.-]+\.[a-z]{2,}):\s+failed\s+to\s+request\s+discovery\s+document/i,
      /Failed to install provider[\s\S]{0,300}?(?:i\/o timeout|TLS handshake timeout|connection reset by peer)()/,
    ],
    extract: (m, { input }) => {
      const detail =
        /(connect: cannot assign requested address|i\/o timeout|request canceled while waiting for connection|TLS handshake timeout|connection reset by peer|connection refused)/.exec(
          m.input.slice(m.index, m.index + 600),
        )?.[1];
      const container = /^root@[0-9a-f]{8,}:/m.test(input.text) ? "yes" : undefined;
      return compact({ host: m[1] || "registry.terraform.io", detail, container });
    },
    rootCause: (s) =>
      `\`terraform init\` could not reach ${code(get(s, "host"))}${s["detail"] ? ` (${code(get(s, "detail"))})` : ""}: ${s["detail"]?.includes("cannot assign") ? "the host has no route for the address it tried (IPv6 without connectivity, or no outbound network at all)" : "a network timeout or outage between this machine and the registry"}${s["container"] ? ", here from inside a container" : ""}. Nothing is wrong with the configuration.`,
    fix: (s) =>
      s["container"]
        ? `Give the container outbound network access (check \`docker run --network\`, DNS and any proxy: set \`HTTPS_PROXY\` if one is required) and verify with ${code(`curl -sI https://${get(s, "host")}/.well-known/terraform.json`)}, then re-run \`terraform init\`.`
        : `Re-run \`terraform init\`; if it keeps failing, check the route to ${code(get(s, "host"))} (${code(`curl -sI https://${get(s, "host")}/.well-known/terraform.json`)}), proxy and firewall settings, and cache providers with \`TF_PLUGIN_CACHE_DIR\` or a provider mirror to depend less on the registry.`,
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "dns-lookup-timeout",
    category: "network_timeout",
    title: "A DNS lookup timed out",
    test: [
      /lookup ([\w.-]+\.[a-z]{2,}) on ([\d.:[\]a-f]+):(?: read udp [^\n]*?| dial udp [^\n]*?)?:? (i\/o timeout|server misbehaving)/,
      /dial udp ([\d.]+:53)()(): (i\/o timeout)/,
      /()()(Temporary failure in name resolution|getaddrinfo EAI_AGAIN)/,
    ],
    extract: (m) => compact({ host: m[1], resolver: m[2]?.replace(/:53$/, ""), error: m[3] }),
    rootCause: (s) =>
      `Resolving ${codeOr(s, "host", "a host name")} failed: the DNS server${s["resolver"] ? ` ${code(get(s, "resolver"))}` : ""} did not answer in time (${code(get(s, "error"))}). The name may be fine; the resolver, or the network path to it, was down or overloaded.`,
    fix: () =>
      "Re-run the job: resolver timeouts are usually transient. If it repeats on self-hosted runners or in a VPC, check `/etc/resolv.conf`, that the VPC has `enableDnsSupport` and can reach the Route 53 Resolver (VPC base + 2), and any DNS firewall; retry lookups in scripts.",
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "network-dial-timeout",
    category: "network_timeout",
    title: "A network connection timed out or was refused",
    test: [
      /dial tcp (?:([\w.-]+|\[[0-9a-f:]+\]):(\d+))?:?\s*(i\/o timeout|connect: connection refused|connection refused|connect: network is unreachable|connection reset by peer|connect: cannot assign requested address)/,
      /(?:Get|Post|Put) "https?:\/\/([\w.*-]+)[^"]*"()?:\s*(net\/http: TLS handshake timeout|context deadline exceeded \(Client\.Timeout exceeded while awaiting headers\)|net\/http: request canceled while waiting for connection)/,
    ],
    extract: (m) => {
      const url = /(?:Get|Post|Put) "?https?:\/\/([\w.*-]+)/.exec(
        m.input.slice(Math.max(0, m.index - 300), m.index),
      )?.[1];
      const host = m[1] ?? "";
      return compact({
        host,
        port: m[2],
        error: m[3],
        via: url && url !== host ? url : undefined,
        private: PRIVATE_IP.test(host) ? "yes" : undefined,
        eks: /\.eks\.amazonaws\.com$/.test(url ?? host) ? "yes" : undefined,
      });
    },
    rootCause: (s) =>
      s["private"]
        ? `The connection to ${code(`${get(s, "host")}${s["port"] ? `:${get(s, "port")}` : ""}`)}${s["via"] ? ` (${code(get(s, "via"))})` : ""} failed with ${code(get(s, "error"))}: that is a private address, reachable only from inside its VPC${s["eks"] ? " — the EKS API endpoint is private" : ""}, and this machine has no network path to it (or a security group drops its traffic).`
        : `A connection${s["host"] ? ` to ${code(`${get(s, "host")}${s["port"] ? `:${get(s, "port")}` : ""}`)}` : ""} failed with ${code(get(s, "error"))}: the endpoint was unreachable from the runner (network outage, firewall, missing VPC endpoint or proxy).`,
    fix: (s) =>
      s["private"]
        ? `Run Terraform from a network that can reach the private endpoint (a self-hosted runner in the VPC, a VPN or peering), and allow that network in the ${s["eks"] ? "cluster's security group (port 443)" : "endpoint's security group"}; or enable the public endpoint restricted to the runner's IP ranges.`
        : "Re-run the job to rule out a transient outage. If it persists: on self-hosted runners check NAT/proxy and security groups, and add VPC endpoints for AWS services in private subnets; set `HTTPS_PROXY` when a proxy is required.",
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
      `pip failed with ${get(s, "error")} talking to ${code(get(s, "host"))}: the package index did not answer in time.`,
    fix: () =>
      "Re-run the job. If it repeats, raise `--timeout` and `--retries`, cache dependencies (`actions/setup-python` with `cache: pip`), or use an internal mirror.",
    confidence: 0.86,
    autoFixable: false,
  },
];
