import { compact, get } from "../extract.js";
import type { Signature } from "../types.js";

const TRUST_HINT =
  "The role's trust policy must allow `sts:AssumeRoleWithWebIdentity` from the GitHub OIDC provider with " +
  '`"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"` and a `token.actions.githubusercontent.com:sub` ' +
  "condition that matches this job: `repo:OWNER/REPO:ref:refs/heads/BRANCH` for pushes, `repo:OWNER/REPO:pull_request` " +
  "for pull requests, `repo:OWNER/REPO:environment:NAME` when the job uses an environment (the value is case-sensitive).";

function roleFrom(text: string): string | undefined {
  return /role-to-assume:\s*(arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+)/.exec(text)?.[1];
}

export const credentialSignatures: Signature[] = [
  {
    id: "aws-no-credential-sources",
    category: "credentials",
    title: "The AWS provider found no credentials",
    test: [/no valid credential sources (?:for Terraform AWS Provider )?found/i],
    rootCause: () =>
      "The Terraform AWS provider ran without any AWS credentials: no environment variables, no profile, no web identity token and no instance role were available to the job.",
    fix: () =>
      "Add an `aws-actions/configure-aws-credentials` step with `role-to-assume` before Terraform runs, and give the job `permissions: id-token: write`. Do not store long-lived access keys in secrets.",
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "aws-expired-token",
    category: "credentials",
    title: "The AWS session token expired",
    test: [/\b(ExpiredToken(?:Exception)?): ([^\n]*)/],
    extract: (m) => compact({ code: m[1], message: m[2] }),
    rootCause: (s) =>
      `AWS rejected the request with ${get(s, "code")}: the temporary credentials expired before the job finished. Role sessions from OIDC last one hour unless \`role-duration-seconds\` asks for more.`,
    fix: () =>
      "Re-run the job. If it runs longer than the session, set `role-duration-seconds` on `configure-aws-credentials` (and raise the role's MaxSessionDuration), or split the job.",
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "aws-invalid-credentials",
    category: "credentials",
    title: "AWS rejected the credentials",
    test: [
      /\b(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidAccessKeyId): ([^\n]*)/,
    ],
    extract: (m) => compact({ code: m[1], message: m[2] }),
    rootCause: (s) =>
      `AWS answered ${get(s, "code")}: the access key or token the job used is not valid (deleted, rotated, mistyped, or for another partition/region).`,
    fix: () =>
      "Switch the job to OIDC (`configure-aws-credentials` with `role-to-assume`) instead of stored keys; if keys must stay, rotate them and update the repository secrets.",
    confidence: 0.88,
    autoFixable: false,
  },
  {
    id: "oidc-id-token-permission",
    category: "credentials",
    title: "The job cannot request a GitHub OIDC token",
    test: [
      /Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable/,
      /Did you mean to set the `id-token` permission\?/,
    ],
    rootCause: () =>
      "The workflow asked for an OIDC token but the job lacks the `id-token: write` permission (or runs for a fork pull request, where GitHub does not issue tokens).",
    fix: () =>
      "Add to the workflow or job:\n\n```yaml\npermissions:\n  id-token: write\n  contents: read\n```\n\nFor fork pull requests, run AWS steps only on trusted events.",
    confidence: 0.97,
    autoFixable: false,
  },
  {
    id: "oidc-assume-role-denied",
    category: "credentials",
    title: "AWS refused AssumeRoleWithWebIdentity for this workflow",
    test: [/Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity/],
    extract: (_m, { input }) => compact({ role: roleFrom(input.text) }),
    rootCause: (s) =>
      `STS refused to let this workflow assume ${s["role"] ? `\`${get(s, "role")}\`` : "the role"}: the role's trust policy does not match the token GitHub issued for this run (repository, branch, environment or audience).`,
    fix: () => TRUST_HINT,
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "oidc-provider-missing",
    category: "credentials",
    title: "The AWS account has no GitHub OIDC provider",
    test: [/No OpenIDConnect provider found in your account for (https:\/\/[\w./-]+)/],
    extract: (m, { input }) => compact({ issuer: m[1], role: roleFrom(input.text) }),
    rootCause: (s) =>
      `The account that owns the role has no IAM OIDC identity provider for ${get(s, "issuer")}, so STS cannot verify GitHub's token.`,
    fix: () =>
      'Create the provider once per account, e.g. `resource "aws_iam_openid_connect_provider" "github" { url = "https://token.actions.githubusercontent.com", client_id_list = ["sts.amazonaws.com"] }`, and reference it in the role\'s trust policy.',
    confidence: 0.97,
    autoFixable: false,
  },
  {
    id: "aws-credentials-not-loaded",
    category: "credentials",
    title: "configure-aws-credentials had nothing to load",
    test: [/Credentials could not be loaded, please check your action inputs(?::\s*([^\n]*))?/],
    extract: (m) => compact({ detail: m[1] }),
    rootCause: (s) =>
      `\`configure-aws-credentials\` found neither a role to assume nor access keys${s["detail"] ? ` (${get(s, "detail")})` : ""}. Usually the input comes from a secret or variable that is empty here: secrets are not passed to fork or Dependabot runs.`,
    fix: () =>
      "Set `role-to-assume` (and `aws-region`) on the step, check that the variable or secret it reads exists for this event, and grant `permissions: id-token: write`.",
    confidence: 0.9,
    autoFixable: false,
  },
];
