/**
 * Secret shapes the redactor removes from every outgoing text. Kept as data so a new shape is one entry.
 * The shapes follow gitleaks' maintained rule set (config/gitleaks.toml); the expressions are our own and
 * err towards removing a little too much inside a token-like run rather than leaving a tail.
 * When a pattern also matches context (a key name), the named groups `pre` and `post` are kept and only
 * the rest is replaced.
 */
export interface SecretPattern {
  kind: string;
  pattern: RegExp;
}

// Characters that may continue a token: the pattern must consume the whole run, never leave a tail.
const T = "[A-Za-z0-9_-]";

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // Installation tokens grew from 40 characters to ~520-character JWTs (with dots, dashes) in 2026.
  { kind: "github-token", pattern: /\bgh[pousr]_[A-Za-z0-9_.-]{30,}/g },
  { kind: "github-token", pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/g },
  { kind: "aws-access-key-id", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  {
    kind: "aws-secret-access-key",
    pattern:
      /(?<pre>(?:aws_?secret_?access_?key|secret_?access_?key|SecretAccessKey)["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi,
  },
  {
    kind: "aws-session-token",
    pattern:
      /(?<pre>(?:aws_?session_?token|aws_?security_?token|SessionToken|x-amz-security-token)["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{16,}/gi,
  },
  // STS session tokens start with a base64-encoded protobuf header; catch them without a key name too.
  { kind: "aws-session-token", pattern: /\b(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9/+=]{40,}/g },
  // JWTs (GitHub Actions OIDC tokens among them): header and payload are base64url JSON, so both start eyJ.
  {
    kind: "jwt",
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*/g,
  },
  { kind: "terraform-cloud-token", pattern: /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,}/g },
  { kind: "vault-token", pattern: new RegExp(`\\bhv[sbr]\\.${T}{24,}`, "g") },
  { kind: "npm-token", pattern: /\bnpm_[A-Za-z0-9]{36,}/g },
  { kind: "pypi-token", pattern: new RegExp(`\\bpypi-AgE${T}{50,}`, "g") },
  {
    kind: "gitlab-token",
    pattern: new RegExp(
      `\\bgl(?:pat|dt|rt|ptt|cbt|oas|soat|ffct|imt|agent|ft|wt)-${T}{20,}(?:\\.[a-z0-9]+)?`,
      "g",
    ),
  },
  { kind: "google-api-key", pattern: new RegExp(`\\bAIza${T}{35,}`, "g") },
  { kind: "stripe-key", pattern: /\b(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,}/g },
  { kind: "slack-token", pattern: /\bxox[abpresc]-[A-Za-z0-9-]{10,}/g },
  { kind: "slack-token", pattern: /\bxoxe\.xox[bp]-[A-Za-z0-9-]{10,}/g },
  { kind: "slack-app-token", pattern: /\bxapp-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+/gi },
  {
    kind: "slack-webhook",
    pattern: /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,}/g,
  },
  { kind: "docker-hub-token", pattern: new RegExp(`\\bdckr_(?:pat|oat)_${T}{20,}`, "g") },
  {
    kind: "azure-connection-key",
    pattern: /(?<pre>\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)\s*=\s*)[^;\s"']{8,}/gi,
  },
  { kind: "openai-key", pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  {
    kind: "authorization",
    pattern:
      /(?<pre>\bauthorization["']?\s*[:=]\s*["']?(?:bearer|token|basic|bot)\s+)[A-Za-z0-9_.~+/=-]{8,}/gi,
  },
  // A bare `Bearer <token>` anywhere (curl -H, logged requests); the digit keeps prose like "Bearer tokens".
  {
    kind: "bearer",
    pattern: /(?<pre>\bbearer\s+)(?=[A-Za-z0-9_.~+/=-]*\d)[A-Za-z0-9_.~+/=-]{16,}/gi,
  },
  { kind: "url-credentials", pattern: /(?<pre>\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]{3,}(?=@)/gi },
  // Quoted literal values of secret-named keys: tfvars `db_password = "…"`, JSON `"client_secret": "…"`,
  // YAML `api_token: '…'`. References (`var.x`, `${…}`) are not literals and stay.
  {
    kind: "secret-assignment",
    pattern:
      /(?<pre>\b[\w.-]*?(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credentials?)["']?\s*(?:=|:|=>)\s*(?<q>["']))(?!\$\{)(?!\k<q>)[^\n]*?(?<post>\k<q>)/gi,
  },
  // Environment-style `DB_PASSWORD=hunter2` (shell, .env files, `export`), unquoted.
  {
    kind: "secret-assignment",
    pattern:
      /(?<pre>\b[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|ACCESS_KEY)[A-Z0-9_]*=)(?!["'$])[^\s"'$]{4,}/g,
  },
];

/**
 * A bare 40-character base64 string with mixed case and a digit is almost always an AWS secret key.
 * Git object ids are lowercase hex, so they never match.
 */
export const BARE_AWS_SECRET = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
