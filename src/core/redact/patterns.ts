/**
 * Secret shapes the redactor removes from every outgoing text. Kept as data so a new shape is one entry.
 * `group` names the capture that holds the secret when the pattern also matches its context (a key name).
 */
export interface SecretPattern {
  kind: string;
  pattern: RegExp;
  group?: number;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    kind: "private-key",
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  },
  // Installation tokens grew from 40 characters to ~520-character JWTs (with dots, dashes) in 2026.
  { kind: "github-token", pattern: /\bgh[pousr]_[A-Za-z0-9_.-]{30,}/g },
  { kind: "github-token", pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/g },
  { kind: "aws-access-key-id", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  {
    kind: "aws-secret-access-key",
    pattern:
      /((?:aws_?secret_?access_?key|secret_?access_?key|SecretAccessKey)["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 2,
  },
  {
    kind: "aws-session-token",
    pattern:
      /((?:aws_?session_?token|aws_?security_?token|SessionToken|x-amz-security-token)["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{16,})/gi,
    group: 2,
  },
  // STS session tokens start with a base64-encoded protobuf header; catch them without a key name too.
  { kind: "aws-session-token", pattern: /\b(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9/+=]{40,}/g },
  {
    kind: "authorization",
    pattern: /(\bauthorization["']?\s*[:=]\s*["']?(?:bearer|token|basic)\s+)([A-Za-z0-9_.~+/=-]{8,})/gi,
    group: 2,
  },
  { kind: "url-credentials", pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]{3,})(?=@)/gi, group: 2 },
  { kind: "openai-key", pattern: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g },
  { kind: "slack-token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
];

/**
 * A bare 40-character base64 string with mixed case and a digit is almost always an AWS secret key.
 * Git object ids are lowercase hex, so they never match.
 */
export const BARE_AWS_SECRET = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
