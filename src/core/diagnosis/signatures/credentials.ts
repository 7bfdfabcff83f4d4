import { runPlace } from "../context.js";
import { code, codeOr, compact, get } from "../extract.js";
import type { Signature, SignatureContext, Specifics } from "../types.js";

// Credentials that are missing, expired or malformed are `credentials`: AWS never got as far as asking
// whether the principal may act. Granting permissions cannot fix any of these.

function place(context: SignatureContext): Record<string, string> {
  return { place: runPlace(context.input.text) };
}

function profileFrom(text: string): string | undefined {
  return /\bprofile[ =:]+"?([\w.@-]+)"?/.exec(text)?.[1] ?? /AWS_PROFILE[=:]\s*"?([\w.@-]+)/.exec(text)?.[1];
}

/** The fix for missing credentials depends on where Terraform ran. */
function missingFix(s: Specifics): string {
  switch (s["place"]) {
    case "remote":
      return "The plan ran remotely in HCP Terraform, not on the runner, so credentials exported in the job never reach it. Give the workspace its own credentials: HCP Terraform dynamic provider credentials (`TFC_AWS_PROVIDER_AUTH = true` and `TFC_AWS_RUN_ROLE_ARN` as workspace variables), or switch the workspace to local execution mode so the runner's credentials apply.";
    case "local":
      return `Check the credentials this shell gives Terraform: \`aws sts get-caller-identity${s["profile"] ? ` --profile ${s["profile"]}` : ""}\` must succeed first. In \`~/.aws/credentials\` a section header is \`[name]\` (only \`~/.aws/config\` uses \`[profile name]\`); check the spelling of \`AWS_PROFILE\`, \`AWS_ACCESS_KEY_ID\` and \`AWS_SECRET_ACCESS_KEY\`, and that the backend's \`profile\` matches a section that exists.`;
    case "unknown":
      return "If this ran in CI: give the job AWS credentials before Terraform runs (`aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`; the `GITHUB_TOKEN` is not an AWS credential). If it ran on a workstation: `aws sts get-caller-identity` must succeed first; in `~/.aws/credentials` a section header is `[name]` (only `~/.aws/config` uses `[profile name]`), and `AWS_PROFILE` or the backend's `profile` must name a section that exists.";
    default:
      return "Give the job AWS credentials before Terraform runs: an `aws-actions/configure-aws-credentials` step with `role-to-assume` and `permissions: id-token: write` on the job (the `GITHUB_TOKEN` is not an AWS credential). If keys must be used, pass `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` from secrets in the step's `env`.";
  }
}

export const credentialSignatures: Signature[] = [
  {
    id: "aws-no-credential-sources",
    category: "credentials",
    title: "The AWS provider found no credentials",
    test: [/no valid credential sources (?:for (?:Terraform )?AWS Provider )?found/i],
    extract: (m, context) => {
      const near = m.input.slice(Math.max(0, m.index - 200), m.index + 400);
      const backend = /configuring (?:the )?(?:backend "s3"|S3 Backend)/i.test(near) ? "s3" : undefined;
      return compact({ ...place(context), backend, profile: profileFrom(context.input.text) });
    },
    rootCause: (s) =>
      s["place"] === "remote"
        ? "The AWS provider had no credentials in the HCP Terraform run: with remote execution the plan runs on HCP Terraform's workers, where the runner's environment variables and OIDC session do not exist."
        : `The ${s["backend"] ? "S3 backend" : "Terraform AWS provider"} found no AWS credentials: no environment variables, no usable${s["profile"] ? ` ${code(get(s, "profile"))}` : ""} profile, no web identity token and no instance role${s["place"] === "local" ? " in this shell" : " in the job"}.`,
    fix: missingFix,
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "aws-profile-not-found",
    category: "credentials",
    title: "The named AWS profile does not exist",
    test: [
      /failed to get shared config profile, ([\w.@-]+)/,
      /The config profile \(([\w.@-]+)\) could not be found/,
      /SharedConfigProfileNotExistError: [^\n]*?profile[^\n]*?"?([\w.@-]+)"?/,
    ],
    extract: (m, context) => compact({ profile: m[1], ...place(context) }),
    rootCause: (s) =>
      `Terraform was told to use the AWS profile ${code(get(s, "profile"))}, but no section of that name exists in \`~/.aws/config\` or \`~/.aws/credentials\`${s["place"] === "actions" ? " on the runner" : ""}.`,
    fix: (s) =>
      s["place"] === "actions"
        ? `Runners have no AWS profiles: remove ${code(`profile = "${get(s, "profile")}"`)} (or \`AWS_PROFILE\`) from what CI uses and let \`configure-aws-credentials\` provide the credentials through the environment.`
        : `Create the profile (${code(`aws configure --profile ${get(s, "profile")}`)}) or correct its name; in \`~/.aws/credentials\` the header is ${code(`[${get(s, "profile")}]`)}, in \`~/.aws/config\` it is ${code(`[profile ${get(s, "profile")}]`)}.`,
    confidence: 0.94,
    autoFixable: false,
  },
  {
    id: "aws-expired-token",
    category: "credentials",
    title: "The AWS session token expired",
    test: [/\b(ExpiredToken(?:Exception)?|RequestExpired): ([^\n]*)/],
    extract: (m, context) => {
      const seconds = /failed after (\d+(?:\.\d+)?)s\b/.exec(context.input.text)?.[1];
      const minutes = seconds ? String(Math.round(Number(seconds) / 60)) : undefined;
      return compact({ code: m[1], message: m[2], minutes, ...place(context) });
    },
    rootCause: (s) =>
      `AWS rejected the request with ${code(get(s, "code"))}: the temporary credentials expired before the work finished${s["minutes"] ? ` (the job had been running for about ${get(s, "minutes")} minutes)` : ""}. Sessions from \`configure-aws-credentials\` last one hour unless \`role-duration-seconds\` asks for more.`,
    fix: () =>
      "Set `role-duration-seconds` on `configure-aws-credentials` longer than the job runs (and raise the role's `MaxSessionDuration` to match, up to 12 hours), or assume the role again right before the step that talks to AWS.",
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "aws-invalid-credentials",
    category: "credentials",
    title: "AWS rejected the credentials",
    test: [
      /\b(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidAccessKeyId|AuthFailure|IncompleteSignature): ([^\n]*)/,
    ],
    extract: (m, context) => compact({ code: m[1], message: m[2], ...place(context) }),
    rootCause: (s) =>
      `AWS answered ${code(get(s, "code"))}: the access key, secret or session token ${s["place"] === "local" ? "this shell used" : "the job used"} is not valid (mistyped, deleted, rotated, missing its session token, or for another partition).`,
    fix: (s) =>
      s["place"] === "local"
        ? "Check the key this shell sends: `aws sts get-caller-identity` must succeed. Look for a typo or stray whitespace in `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` or `~/.aws/credentials`, an old `AWS_SESSION_TOKEN` left in the environment, and `AWS_PROFILE` pointing at another account."
        : "Check the repository secrets the job reads (a rotated or mistyped key, or a temporary key without its `AWS_SESSION_TOKEN`); better, replace stored keys with OIDC: `configure-aws-credentials` with `role-to-assume`.",
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
      "The workflow asked for an OIDC token but the job lacks the `id-token: write` permission (or runs for a fork pull request, where GitHub does not issue tokens), so no AWS credentials were loaded.",
    fix: () =>
      "Add to the workflow or job:\n\n```yaml\npermissions:\n  id-token: write\n  contents: read\n```\n\nIf the workflow file is generated (projen, a template), add it in the generator. For fork pull requests, run AWS steps only on trusted events.",
    confidence: 0.97,
    autoFixable: false,
  },
  {
    id: "oidc-provider-missing",
    category: "credentials",
    title: "The AWS account has no GitHub OIDC provider",
    test: [/No OpenIDConnect provider found in your account for (https:\/\/[\w./-]+)/],
    extract: (m) => compact({ issuer: m[1] }),
    rootCause: (s) =>
      `The account that owns the role has no IAM OIDC identity provider for ${code(get(s, "issuer"))}, so STS cannot verify GitHub's token.`,
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
      `\`configure-aws-credentials\` found neither a role to assume nor access keys${s["detail"] ? ` (${codeOr(s, "detail", "")})` : ""}. Usually the input comes from a secret or variable that is empty here: secrets are not passed to fork or Dependabot runs.`,
    fix: () =>
      "Set `role-to-assume` (and `aws-region`) on the step, check that the variable or secret it reads exists for this event, and grant `permissions: id-token: write`.",
    confidence: 0.9,
    autoFixable: false,
  },
];
