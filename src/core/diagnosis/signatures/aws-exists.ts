// An AWS object that already exists (name taken, created outside Terraform): keep one definition or adopt it with an import block.
import { code, codeOr, compact, fence, get, importBlock, terraformLocation } from "../extract.js";
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
