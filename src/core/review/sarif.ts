import { redact } from "../redact/index.js";
import type { ReviewFinding, ReviewReport, ReviewRule } from "./types.js";

export interface SarifOptions {
  /** Our version, for `tool.driver.version`. */
  version: string;
  /** Prefix that turns root-relative paths into repository-relative ones (`infra/`), "" at the repo root. */
  prefix?: string;
}

/**
 * A SARIF 2.1.0 log of a review (or a validation), for GitHub code scanning's upload: one run, every rule
 * with its help, results with their level and a location relative to the repository root (`%SRCROOT%`),
 * and the checks that did not run as notifications, so the log never claims more than happened.
 */
export function toSarif(report: Pick<ReviewReport, "findings" | "rules" | "checks">, options: SarifOptions) {
  const prefix = options.prefix ?? "";
  const index = new Map(report.rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0" as const,
    runs: [
      {
        tool: {
          driver: {
            name: "devops-agent",
            version: options.version,
            rules: report.rules.map(ruleOf),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The repository root." } } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.checks
              .filter((c) => !c.ran)
              .map((c) => ({ level: "note", message: { text: redact(`${c.name} did not run: ${c.why}`) } })),
          },
        ],
        results: report.findings.map((f) => resultOf(f, index.get(f.ruleId), prefix)),
      },
    ],
  };
}

function ruleOf(rule: ReviewRule) {
  return {
    id: rule.id,
    name: rule.id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.help },
    help: { text: rule.help, markdown: `**${rule.title}.** ${rule.help}` },
    defaultConfiguration: { level: rule.level },
    properties: { tags: [rule.source] },
  };
}

function resultOf(f: ReviewFinding, ruleIndex: number | undefined, prefix: string) {
  const text = f.suggestion ? `${f.message}. Suggested: ${f.suggestion}` : f.message;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: f.level,
    message: { text: redact(text) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(`${prefix}${f.file}`), uriBaseId: "%SRCROOT%" },
          ...(f.line === null ? {} : { region: { startLine: Math.max(1, f.line) } }),
        },
      },
    ],
  };
}

/** A relative URI reference: each segment percent-encoded, the slashes kept. */
function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
