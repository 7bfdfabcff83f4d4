import { redact } from "../redact/index.js";
import { code, details, diffFence, inline, plural } from "./markdown.js";
import { diffLines } from "./render-entries.js";
import type { PlanSummary, Risk, RiskKind, RiskSeverity } from "./types.js";

const RISK_LABELS: Readonly<Record<RiskKind, string>> = {
  delete: "🔴 destroy",
  replace: "🟠 replace",
  stateful: "🗄️ data loss",
  iam: "🔑 IAM",
  "public-ingress": "🌐 open to the internet",
  "s3-public": "🪣 S3 public access",
};

const SEVERITY_HEADINGS: readonly [RiskSeverity, string][] = [
  ["critical", "🛑 Critical"],
  ["high", "🟠 High"],
  ["info", "ℹ️ Info"],
];

/**
 * The risk list at three levels of detail, under one heading per severity, most severe first. Risks are
 * never dropped: when the full list alone would not fit, each risk loses its reason, and at last they are
 * counted by kind with the first addresses named.
 */
export function riskLevels(risks: Risk[], quote: boolean): string[] {
  const prefix = quote ? "> " : "";
  const full = (r: Risk) => `${prefix}- **${RISK_LABELS[r.kind]}** ${code(r.address)}: ${inline(r.reason)}\n`;
  const short = (r: Risk) => `${prefix}- **${RISK_LABELS[r.kind]}** ${code(r.address)}\n`;
  const grouped = (list: Risk[]) => {
    const byKind = new Map<RiskKind, string[]>();
    for (const r of list) {
      const addresses = byKind.get(r.kind);
      if (addresses) addresses.push(r.address);
      else byKind.set(r.kind, [r.address]);
    }
    return [...byKind].map(([kind, addresses]) => {
      const named = addresses.slice(0, 3).map(code).join(", ");
      const more = addresses.length > 3 ? ` and ${plural(addresses.length - 3, "more")}` : "";
      return `${prefix}- **${RISK_LABELS[kind]}** × ${addresses.length.toLocaleString("en-US")}: ${named}${more}\n`;
    });
  };
  const level = (lines: (list: Risk[]) => string[]) =>
    SEVERITY_HEADINGS.map(([severity, title]) => {
      const list = risks.filter((r) => r.severity === severity);
      if (list.length === 0) return "";
      return `${prefix}**${title} (${list.length.toLocaleString("en-US")})**\n${prefix}\n${lines(list).join("")}${prefix}\n`;
    }).join("");
  return [level((l) => l.map(full)), level((l) => l.map(short)), level(grouped)].map(redact);
}

/** The caution callout (GitHub alert) that opens the comment when anything is destroyed or replaced. */
export function calloutHead(summary: PlanSummary, root: string): string | undefined {
  const { delete: deleted, replace } = summary.counts;
  if (deleted + replace === 0) return undefined;
  const what = [
    deleted > 0 ? `destroys ${plural(deleted, "resource")}` : "",
    replace > 0 ? `replaces ${plural(replace, "resource")}` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  return `> [!CAUTION]\n> **This plan ${what} in ${code(root)}.** Review every risk below before applying.\n>\n`;
}

export function header(summary: PlanSummary, root: string, line: string): string {
  const c = summary.counts;
  const cells: [string, number][] = [
    ["➕ create", c.create],
    ["🔧 update", c.update],
    ["♻️ replace", c.replace],
    ["🗑️ destroy", c.delete],
    ["📖 read", c.read],
    ["⚪ no-op", c.noop],
  ];
  for (const [label, count] of [
    ["📥 import", c.import],
    ["🚚 move", c.move],
    ["🫥 forget", c.forget],
  ] as const) {
    if (count > 0) cells.push([label, count]);
  }
  const table = [
    `| ${cells.map(([label]) => label).join(" | ")} |`,
    `| ${cells.map(() => "---:").join(" | ")} |`,
    `| ${cells.map(([, count]) => count.toLocaleString("en-US")).join(" | ")} |`,
  ].join("\n");
  return `## Terraform plan: ${code(root)}\n\n**${line}**\n\n${table}\n\n`;
}

/** Output changes, richest first; the last level is one line. */
export function outputLevels(summary: PlanSummary): string[] {
  const { outputs } = summary;
  if (outputs.length === 0) return [""];
  const title = `📤 ${plural(outputs.length, "output")} change`;
  const full = outputs
    .map((o) => diffLines(o.changes(), o.name))
    .filter(Boolean)
    .join("\n");
  const names = outputs
    .map((o) => `- ${code(o.name)} (${o.kind}${o.sensitive ? ", sensitive" : ""})`)
    .join("\n");
  return [
    details(title, diffFence(full)),
    details(title, `${names}\n`),
    `${title} (details trimmed).\n\n`,
  ].map(redact);
}

export function driftLevels(summary: PlanSummary): string[] {
  const { drift } = summary;
  if (drift.length === 0) return [""];
  const title = `🌊 ${plural(drift.length, "resource")} changed outside of Terraform`;
  const verb = (kind: string) => (kind === "delete" ? "deleted" : "changed");
  const full = drift
    .map(
      (r) =>
        `${code(r.address)} ${verb(r.kind)}\n\n${diffFence(diffLines(r.changes()) || "  (no attribute changes)")}`,
    )
    .join("\n");
  const names = drift.map((r) => `- ${code(r.address)} ${verb(r.kind)}`).join("\n");
  return [details(title, full), details(title, `${names}\n`), `${title} (details trimmed).\n\n`].map(redact);
}

export function deferredLevels(summary: PlanSummary): string[] {
  const { deferred } = summary;
  if (deferred.length === 0) return [""];
  const title = `⏸️ ${plural(deferred.length, "change")} deferred to a later plan`;
  const list = deferred
    .map((d) => `- ${code(d.address)} (${d.actions.join(", ")}): ${inline(d.reason)}`)
    .join("\n");
  return [details(title, `${list}\n`), `${title} (details trimmed).\n\n`].map(redact);
}
