import { describe, expect, it } from "@jest/globals";
import { REDACTED, redact } from "../../src/core/redact/index.js";

// Built from parts so no complete token sits in the source for scanners to flag.
const j = (...parts: string[]) => parts.join("");
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const oidcToken = j(
  b64url({ alg: "RS256", typ: "JWT", kid: "78167F727DEC5D801DD1C8784C704A1C880EC0E1" }),
  ".",
  b64url({ iss: "https://token.actions.githubusercontent.com", sub: "repo:acme/infra:ref:refs/heads/main" }),
  ".",
  "dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBidXQgaXQgaXMgbG9uZw",
);

// Each shape: the text it appears in, and the secret part that must be gone.
const SHAPES: ReadonlyArray<readonly [string, string, string]> = [
  ["a GitHub OIDC JWT", `ACTIONS_ID_TOKEN=${oidcToken}`, oidcToken],
  ["a JWT in an Authorization-less log line", `id_token: ${oidcToken} (expires in 300s)`, oidcToken],
  [
    "a Terraform Cloud token",
    `token = ${j("AbCdEfGh12345x", ".atlasv1.", "z".repeat(30), "Q9_-".repeat(10))}`,
    "atlasv1.zzzz",
  ],
  ["a Vault service token", `VAULT_TOKEN: ${j("hvs.", "CAESIJ7x", "aB3_-".repeat(20))}`, "hvs.CAESIJ7x"],
  ["a Vault batch token", j("hvb.", "AAAAAQJ", "x9Y-".repeat(40)), "hvb.AAAAAQJ"],
  ["an npm token", `//registry.npmjs.org/:_authToken=${j("npm_", "a1B2c3D4e5".repeat(4))}`, "npm_a1B2c3D4e5"],
  ["a PyPI token", `password: ${j("pypi-", "AgEIcHlwaS5vcmc", "Ab3-_x".repeat(12))}`, "AgEIcHlwaS5vcmc"],
  [
    "a GitLab PAT",
    `git clone https://oauth2:${j("glpat-", "xYz12_AbC-3456789012")}@gitlab.com/a/b`,
    "glpat-xYz12",
  ],
  ["a GitLab deploy token", j("gldt-", "Zz9Yy8Xx7Ww6Vv5Uu4Tt"), "gldt-Zz9Y"],
  ["a Google API key", `key=${j("AIza", "SyD-1234567890abcdefghijklmnopqrstu")}`, "SyD-1234567890"],
  ["a Stripe live key", j("sk_", "live_", "51HxYzAbCdEf1234567890"), "51HxYzAbCdEf"],
  ["a Stripe restricted key", j("rk_", "live_", "51HxYzAbCdEf1234567890"), "51HxYzAbCdEf"],
  [
    "a Slack bot token",
    j("xoxb-", "1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
    "1234567890123-1234",
  ],
  [
    "a Slack user token",
    j("xoxp-", "1234567890123-1234567890123-1234567890123-abcdef0123456789abcdef0123456789"),
    "abcdef0123456789",
  ],
  [
    "a Slack app token",
    j("xapp-", "1-A01234ABCDE-1234567890123-0123456789abcdef0123456789abcdef"),
    "A01234ABCDE",
  ],
  [
    "a Slack webhook URL",
    j("https://hooks.slack.com/services/", "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
    "T00000000/B0000",
  ],
  ["a Docker Hub token", `docker login -p ${j("dckr_pat_", "AbCdEfGhIjKlMnOpQrStUvWxYz0")}`, "AbCdEfGhIjKl"],
  [
    "an Azure storage key",
    j(
      "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=",
      "Zm9vYmFy".repeat(11),
      "==;EndpointSuffix=core.windows.net",
    ),
    "Zm9vYmFyZm9v",
  ],
  [
    "an Azure Service Bus key",
    j(
      "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=",
      "q1W2e3R4t5Y6u7I8o9P0aSdFgHjKl=",
    ),
    "q1W2e3R4t5Y6",
  ],
  [
    "a bare Bearer value",
    `curl -H "X-Auth: Bearer ${j("eyx", "0a1b2c3d4e5f6g7h8i9j")}" https://api`,
    "0a1b2c3d4e5f",
  ],
  ["a tfvars password", 'db_password = "Tr0ub4dor&3-horse"', "Tr0ub4dor&3"],
  ["a JSON client secret", '{"client_secret": "s3cr3t-v4lue-here", "id": 1}', "s3cr3t-v4lue"],
  ["a YAML API key", "api_key: 'k-9f8e7d6c5b4a'", "k-9f8e7d6c5b4a"],
  ["an env-style token", "export DEPLOY_TOKEN=abcd1234efgh5678", "abcd1234efgh"],
  ["a password in a URL", "postgres://app:Pa55w0rd!x@db.internal:5432/app", "Pa55w0rd"],
  ["an OpenAI project key", j("sk-", "proj-", "AbCdEf0123456789_-XyZ012345"), "AbCdEf0123456789"],
];

describe("hostile: every common secret shape is redacted (gitleaks' rule set as the reference)", () => {
  it.each(SHAPES)("removes %s", (_kind, text, secret) => {
    const out = redact(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(secret);
  });
});

const NEAR_MISSES: ReadonlyArray<readonly [string, string]> = [
  ["an IAM role ARN", "arn:aws:iam::123456789012:role/github-actions-plan"],
  ["a KMS key ARN", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
  ["a VPC id and an instance id", "vpc-0a1b2c3d4e5f67890 i-0123456789abcdef0 subnet-0fedcba9876543210"],
  ["a full git SHA", "HEAD is now at 4f2a9c0e1b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e fix"],
  [
    "a list of git SHAs",
    "4f2a9c0e1b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e\n0a1d2e3f4a5b6c7d8e4f2a9c0e1b7d3a5f6e8c9b",
  ],
  ["a container digest", "image@sha256:9b2a4f1c0d3e5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b"],
  ["a variable reference for a password", "password = var.db_password"],
  ["an interpolated secret reference", 'password = "${var.db_password}"'],
  ["a secret's name (not its value)", 'secret_name = "prod/db/credentials"'],
  ["a token TTL setting", 'token_ttl = "3600"'],
  ["prose about bearer tokens", "The API expects Bearer authentication for every request."],
  [
    "an S3 bucket and a Lambda function name",
    'bucket = "acme-audit-logs-eu-west-1" function_name = "orders-handler"',
  ],
  ["an empty password default", 'password = ""'],
  ["terraform's sensitive placeholder", "+ password = (sensitive value)"],
];

describe("hostile: near-misses survive redaction (false positives stay low)", () => {
  it.each(NEAR_MISSES)("keeps %s", (_kind, text) => {
    expect(redact(text)).toBe(text);
  });
});
