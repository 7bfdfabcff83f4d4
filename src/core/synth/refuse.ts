import type { Refusal } from "./types.js";

interface Rule {
  pattern: RegExp;
  part: string;
  reason: string;
  alternative: string;
}

const OPEN = String.raw`(?:0\.0\.0\.0/0|::/0|anywhere|any\s*where|the\s+(?:whole\s+)?(?:internet|world)|everyone|everybody|any\s+ip|all\s+ips?)`;

const DB_PORTS = String.raw`mysql|postgres(?:ql)?|mariadb|redis|memcached|mongodb|sql\s+server|port\s+(?:3306|5432|6379|11211|27017|1433|1521)`;

/** Requests that would open a hole: the whole change is refused, with the reason and what to ask for instead. */
const RULES: Rule[] = [
  {
    pattern: new RegExp(
      String.raw`\b(?:ssh|rdp|port\s+(?:22|3389))\b[^.]{0,80}?${OPEN}|${OPEN}[^.]{0,80}?\b(?:ssh|rdp|port\s+(?:22|3389))\b`,
      "i",
    ),
    part: "SSH/RDP open to the internet",
    reason: "an administrative port reachable from any address is the most scanned door on the internet",
    alternative:
      'use SSM Session Manager (no inbound port), or say which network may connect, e.g. "SSH from 203.0.113.0/24"',
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:${DB_PORTS})\b[^.]{0,80}?${OPEN}|${OPEN}[^.]{0,80}?\b(?:${DB_PORTS})\b`,
      "i",
    ),
    part: "a database port open to the internet",
    reason:
      "database ports reachable from any address are found by scanners within minutes and invite password guessing and exploits",
    alternative:
      'allow the database port from inside the VPC or from the application\'s security group, e.g. "MySQL from 10.0.0.0/16"',
  },
  {
    pattern:
      /\b(?:administratoraccess|admin(?:istrator)?\s+(?:access|polic(?:y|ies)|rights|permissions|privileges)|full\s+(?:admin\s+)?access\s+to\s+(?:everything|all|the\s+account|aws)|all\s+actions\s+on\s+all\s+resources|"\*"\s*:\s*"\*"|action\s*[:=]\s*"?\*"?)\b/i,
    part: "an administrator policy",
    reason:
      "a policy allowing every action on every resource turns any compromise of this identity into a compromise of the account",
    alternative: 'name the actions and resources it needs (e.g. "read objects in the reports bucket")',
  },
  {
    pattern:
      /\b(?:any|all|every)\s+(?:branch(?:es)?|repo(?:sitor(?:y|ies))?|ref)\b[^.]{0,60}\b(?:assume|trust|oidc|role|deploy)|\b(?:trust|oidc|assume)[^.]{0,60}\b(?:any|all|every)\s+(?:branch(?:es)?|repo(?:sitor(?:y|ies))?|ref)\b|repo:[\w.-]+\/[\w.-]+:\*/i,
    part: "a role any branch may assume",
    reason: "any branch (or pull request) could deploy with it",
    alternative: 'trust one branch or one GitHub environment, e.g. "from the main branch"',
  },
  {
    pattern:
      /(?<!\b(?:block(?:s|ed|ing)?|no|without|deny|denies|prevent(?:s|ing)?)\s+)\bpublic(?:ly)?[\s-]+(?:read(?:able)?|writ(?:e|able)|accessible|access(?![\s-]+block))\b[^.]{0,40}\b(?:bucket|s3|database|db|rds|table|cluster)|\b(?:bucket|database|db|rds|cluster)\b[^.]{0,40}(?<!\b(?:block(?:s|ed|ing)?|no|without|deny|denies|prevent(?:s|ing)?)\s+)\bpublic(?:ly)?[\s-]+(?:read(?:able)?|writ(?:e|able)|accessible|access(?![\s-]+block))\b/i,
    // "a public access block", "block public access", "no public access" ask for the opposite.
    part: "a publicly accessible data store",
    reason: "data stores stay private; a public one leaks whatever is put in it",
    alternative:
      "serve public content through CloudFront with origin access control, and reach databases from inside the VPC",
  },
  {
    // A resource policy whose principal is everyone: anyone on the internet may use the resource.
    pattern: /\b(?:all|any|every)\s+(?:aws\s+)?principals?\b|\bprincipals?\s*(?:[:=]|of|as|to)?\s*["'`]?\*/i,
    part: "a resource policy open to every principal",
    reason: "a policy for all principals lets anyone on the internet read or write the resource",
    alternative:
      "name the roles, accounts or services that need access (a CloudFront distribution through origin access control for public content)",
  },
];

/**
 * Parts of a request that would make the change run code, write outside the Terraform files or send data
 * away: the agent writes declarative AWS resources only (DESIGN §6, policy layer), whoever asks.
 */
const BEYOND: Rule[] = [
  {
    pattern:
      /\b(?:local-exec|remote-exec|provisioners?|null_resource|terraform_data|external\s+data\s+sources?|data\s+"external")\b|\bcurl\b[^.]{0,120}\|\s*(?:ba|z)?sh\b|\b(?:runs?|execute|executes|executing)\s+(?:the\s+|a\s+)?(?:script|shell|command|\.\/[\w./-]+)/i,
    part: "code that runs during plan or apply",
    reason:
      "provisioners, external data sources and shell commands run with the credentials of whoever plans or applies, so a change must not bring them",
    alternative:
      "describe the AWS resources you need; for code, ask for a Lambda function or a CodeBuild project, which run in AWS with their own role",
  },
  {
    pattern:
      /\.github\/|\b(?:github\s+actions?|workflow\s+files?|workflows?\s*\.ya?ml|ci\s+pipeline\s+file|\.gitlab-ci|jenkinsfile|makefile)\b/i,
    part: "files outside the Terraform configuration",
    reason: "the agent writes Terraform (and generated Lambda code) only; CI files are protected paths",
    alternative: "ask a maintainer to change the workflow, or use /agent plan for plans in CI",
  },
  {
    pattern:
      /\b(?:send|email|e-mail|post|upload|copy|exfiltrate|forward|leak|print|echo|output)\b[^.]{0,60}\b(?:state\s+files?|terraform\s+state|tfstate|secrets?|credentials?|access\s+keys?|tokens?|passwords?)\b[^.]{0,60}\b(?:to|into|at)\b/i,
    part: "sending state or secrets somewhere",
    reason: "Terraform state and secrets stay where they are; a change never copies them elsewhere",
    alternative: "grant a named principal read access to the secret with an IAM policy, if that is the need",
  },
];

/** "Do not touch anything under .github/" forbids rather than asks (the fix flow's own limits say so). */
const FORBIDS = /\b(?:do\s+not|don't|never|must\s+not|no)\b[^.]*$/i;

/** Whether a sentence asks for what `pattern` names, not only mentions it to forbid it. */
function asks(pattern: RegExp, request: string): boolean {
  return request.split(/(?<=[.;!?])\s+|\n+/).some((sentence) => {
    const match = pattern.exec(sentence);
    return match !== null && !FORBIDS.test(sentence.slice(0, match.index));
  });
}

/**
 * What no Terraform building block can hold — code that runs, files outside the configuration, sending
 * state or secrets: the recipes would ignore such a part, so a request with one is never theirs to answer.
 */
export function refusalsBeyondTerraform(request: string): Refusal[] {
  return BEYOND.filter((rule) => asks(rule.pattern, request)).map(({ part, reason, alternative }) => ({
    part,
    reason,
    alternative,
  }));
}

export function refusalsFor(request: string): Refusal[] {
  return [
    ...RULES.filter((rule) => rule.pattern.test(request)),
    ...BEYOND.filter((rule) => asks(rule.pattern, request)),
  ].map(({ part, reason, alternative }) => ({ part, reason, alternative }));
}
