import type { Specifics } from "./types.js";

/**
 * A specific by name, or `fallback` when the signature could not extract it. Templates only call this
 * for groups their pattern guarantees, or with plain words as the fallback: never a `?` hole.
 */
export function get(s: Specifics, key: string, fallback = ""): string {
  const value = s[key];
  return value === undefined || value === "" ? fallback : value;
}

/**
 * Text from the log as inline code that nothing inside it can close: the fence is one backtick longer
 * than the longest run in the text, padded when the text starts or ends with a backtick. Line breaks
 * become spaces (inline code is one line).
 */
export function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** The specific as inline code when the log gave it, else `words` as plain prose (never quoted as code). */
export function codeOr(s: Specifics, key: string, words: string): string {
  const value = s[key];
  return value === undefined || value === "" ? words : code(value);
}

/** Drops keys whose value was not found, so specifics hold only facts. */
export function compact(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== "") out[key] = value;
  return out;
}

export interface TerraformLocation {
  address?: string;
  file?: string;
  line?: string;
  resourceType?: string;
  resourceName?: string;
  /** Set when the diagnostic points into a `module "name"` call block (its inputs, not a resource). */
  module?: string;
}

/**
 * Terraform prints where a diagnostic comes from right after its summary: `with aws_x.y,` and
 * `on main.tf line 12, in resource "aws_x" "y":`. Looks only inside the same diagnostic block.
 */
export function terraformLocation(text: string, from: number): TerraformLocation {
  const rest = text.slice(from, from + 1500);
  const nextError = rest.slice(1).search(/\n(?:Error|##\[error\])/);
  const block = nextError === -1 ? rest : rest.slice(0, nextError + 1);
  const withMatch =
    /\bwith ((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?),/.exec(block);
  const onMatch = /\b[Oo]n (\S+) line (\d+)(?:, in (resource|data|module) "([\w-]+)"(?: "([\w-]+)")?)?/.exec(
    block,
  );
  const location: TerraformLocation = {};
  if (withMatch?.[1]) location.address = withMatch[1];
  if (onMatch?.[1]) location.file = onMatch[1].replace(/:$/, "");
  if (onMatch?.[2]) location.line = onMatch[2];
  if (onMatch?.[3] === "module" && onMatch[4]) location.module = onMatch[4];
  else {
    if (onMatch?.[4]) location.resourceType = onMatch[4];
    if (onMatch?.[5]) location.resourceName = onMatch[5];
  }
  if (!location.address && location.resourceType && location.resourceName) {
    location.address = `${location.resourceType}.${location.resourceName}`;
  }
  if (!location.resourceType && location.address) {
    const parts = location.address.replace(/^(?:module\.[^.]+\.)*/, "").split(".");
    const type = parts[0] === "data" ? parts[1] : parts[0];
    if (type) location.resourceType = type;
  }
  return location;
}

/** `file line N` for messages, or an empty string when the location is unknown. */
export function where(s: Specifics): string {
  const file = s["file"];
  if (!file) return "";
  return s["line"] ? ` (${file} line ${s["line"]})` : ` (${file})`;
}

// SDK service names that differ from the IAM action prefix.
const IAM_PREFIX: Record<string, string> = {
  "cloudwatch logs": "logs",
  "elastic load balancing v2": "elasticloadbalancing",
  "elastic load balancing": "elasticloadbalancing",
  "route 53": "route53",
  "secrets manager": "secretsmanager",
  "api gateway": "apigateway",
  apigatewayv2: "apigateway",
  "event bridge": "events",
  eventbridge: "events",
  "cloudwatch events": "events",
  "cognito identity provider": "cognito-idp",
  "service quotas": "servicequotas",
  opensearch: "es",
  "elastic beanstalk": "elasticbeanstalk",
  elasticache: "elasticache",
  "application auto scaling": "application-autoscaling",
  "auto scaling": "autoscaling",
};

export function iamPrefix(service: string): string {
  const key = service.trim().toLowerCase();
  return IAM_PREFIX[key] ?? key.replace(/\s+/g, "");
}

/** The AWS SDK (Go v2) names the failing call: `operation error IAM: CreateRole`. */
export function awsOperation(text: string): { service: string; operation: string; action: string } | null {
  const match = /operation\s+error\s+([A-Za-z0-9][A-Za-z0-9 \n]*?):\s+(\w+)/.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const service = match[1].replace(/\s+/g, " ");
  return { service, operation: match[2], action: `${iamPrefix(service)}:${match[2]}` };
}

/** A least-privilege IAM statement granting exactly the denied action on the denied resource. */
export function policyStatement(action: string, resource: string): string {
  const sid = `Allow${action.replace(/[^A-Za-z0-9]/g, "")}`.slice(0, 64);
  return JSON.stringify({ Sid: sid, Effect: "Allow", Action: [action], Resource: [resource] }, null, 2);
}

export function importBlock(address: string, id: string): string {
  return `import {\n  to = ${address}\n  id = ${JSON.stringify(id)}\n}`;
}

export function fence(code: string, lang = ""): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${code}\n${ticks}`;
}

/** Joins a match's text that Terraform wrapped over several lines back into one line. */
export function unwrap(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * The message that starts at `index`, up to the end of its paragraph, unwrapped and cut to `max`
 * characters: AWS messages often continue on the next line of a wrapped Terraform diagnostic.
 */
export function paragraphAt(text: string, index: number, max = 300): string {
  const paragraph = unwrap(text.slice(index, index + max * 2).split(/\n\s*\n/)[0] ?? "");
  return paragraph.length > max ? `${paragraph.slice(0, max)}…` : paragraph;
}

/** Where capture group `group` of `match` starts in the input (group text located after the match start). */
export function groupIndex(match: RegExpExecArray, group: number): number {
  const value = match[group];
  if (value === undefined) return match.index + match[0].length;
  const offset = match[0].lastIndexOf(value);
  return match.index + (offset === -1 ? match[0].length : offset);
}

/**
 * An AWS message without the transport noise around it (request ids, status lines, "please see" links):
 * the reader needs what AWS said, not where to file a ticket.
 */
export function cleanMessage(text: string): string {
  return text
    .replace(/\s*(?:https response error )?StatusCode: \d+,?\s*RequestID: [\w-]+,?/gi, "")
    .replace(/\s*status code: \d+,?\s*request id: [\w<>-]+,?(?:\s*host id: \S+)?/gi, "")
    .replace(/\s*(?:Please )?see https?:\/\/\S+(?: for more information[^.]*)?\.?/gi, "")
    .replace(/\s+/g, " ")
    .trim();
}
