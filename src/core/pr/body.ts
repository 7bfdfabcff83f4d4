import { appliedLessonsSection } from "../lessons/render.js";
import { checkLines } from "../terraform/checks.js";
import { redact } from "../redact/index.js";
import { stripInvisible } from "../text/invisible.js";
import { inlineCode } from "../text/markdown.js";
import type { ExecutableConstruct } from "../terraform/executable/index.js";
import { risksFor } from "./risks.js";
import type { ChangeReport } from "./types.js";

const MAX_TITLE = 72;

/**
 * A PR title from the request's first line: short, single-line, no markdown tricks. Redacted before it is
 * cut or its case changed: `aKIA…` or half a token would no longer look like a secret.
 */
export function pullRequestTitle(request: string, redactText: (text: string) => string = redact): string {
  const first = (
    stripInvisible(redactText(request))
      .split("\n")
      .find((l) => l.trim() !== "") ?? "infrastructure change"
  )
    .replace(/[`*_#<>[\]]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const text = first.length > MAX_TITLE ? `${first.slice(0, MAX_TITLE - 1).trimEnd()}…` : first;
  return `devops-agent: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function validationSection(report: ChangeReport): string[] {
  const { findings, skipped } = report.validation;
  const checks = report.validation.checks ?? [];
  const ran = checks.filter((c) => c.ran).map((c) => c.name);
  // Never "validated" when a check that ran failed; name what ran so a ✅ says exactly what it covers.
  const status = report.validation.ok
    ? `✅ HCL parses and every check that ran passed${ran.length > 0 ? ` (${ran.join(", ")})` : ""}.`
    : "❌ Validation found problems:";
  const rows = findings.map(
    (f) => `- \`${f.file}${f.line === null ? "" : `:${f.line}`}\` ${f.severity} \`${f.code}\`: ${f.message}`,
  );
  const skips = skipped.map((s) => `- skipped: ${s}`);
  const lines = checkLines(checks).map((l) => `- ${l}`);
  return [
    "### Validation",
    "",
    status,
    ...rows,
    ...skips,
    ...(lines.length ? ["", "Checks:", ...lines] : []),
  ];
}

const KIND_TEXT: Record<ExecutableConstruct["kind"], string> = {
  external: "external data source (runs a program during plan)",
  "local-exec": "local-exec provisioner (runs a command during apply)",
  "remote-exec": "remote-exec provisioner (runs commands on a remote host)",
  "file-provisioner": "file provisioner (copies local files to a remote host)",
  "module-source": "module fetched from outside the registries",
  "provider-host": "provider from a host outside the allowed registries",
  "github-workflow": "GitHub Actions workflow",
  "github-action": "GitHub Action",
};

/** Code that runs which people wrote next to the change: reviewers should know a plan will run it. */
function nearbySection(report: ChangeReport): string[] {
  const nearby = report.validation.nearby ?? [];
  if (nearby.length === 0) return [];
  const rows = nearby.map((c) => {
    const where = inlineCode(`${c.file}${c.line === null ? "" : `:${c.line}`}`);
    return `- ${where} ${KIND_TEXT[c.kind]}: ${inlineCode(c.value ?? c.address)}`;
  });
  return [
    "",
    "### Code that runs, already in the modules this change touches",
    "",
    "Written by people, not by this change; `terraform plan` or `apply` on this PR will run it:",
    "",
    ...rows,
  ];
}

function lessonsSection(report: ChangeReport): string[] {
  const section = report.lessons ? appliedLessonsSection(report.lessons.applied, report.lessons.skipped) : [];
  return section.length > 0 ? ["", ...section] : [];
}

/** The body of the agent's pull request: what and why, then the evidence a reviewer needs. */
export function pullRequestBody(report: ChangeReport): string {
  const files = report.files.map((f) => `- \`${f.path}\` (${f.action === "create" ? "new" : "changed"})`);
  const resources = report.resources.map(
    (r) => `- ${r.change === "add" ? "➕" : "➖"} \`${r.type}.${r.name}\``,
  );
  const docs = report.docsConsulted.map((d) => `- [${d.title}](${d.url})`);
  const risks = risksFor(report.resources).map((r) => `- ${r}`);
  const how =
    report.mode === "recipes"
      ? "built from the agent's secure-by-default recipes (no model call)"
      : report.mode === "generic"
        ? "synthesized from the AWS provider schema with the agent's secure defaults (no model call)"
        : "written by the agent with a model, then checked offline";
  return [
    "## Summary",
    "",
    report.summary.trim(),
    "",
    "<details><summary>Request</summary>",
    "",
    ...report.request.split("\n").map((l) => `> ${l}`),
    "",
    "</details>",
    "",
    "### Files",
    "",
    ...(files.length ? files : ["- (none)"]),
    "",
    "### AWS resources",
    "",
    ...(resources.length ? resources : ["- no resources added or removed"]),
    "",
    ...validationSection(report),
    ...nearbySection(report),
    ...lessonsSection(report),
    "",
    "### Documentation consulted",
    "",
    ...(docs.length ? docs : ["- the bundled AWS provider schema (offline)"]),
    "",
    "### Risks",
    "",
    ...(risks.length ? risks : ["- none found by type; review the diff as usual"]),
    "",
    "### Next steps",
    "",
    "- Comment `/agent plan` to run `terraform plan` in GitHub Actions and see exactly what would change in AWS.",
    "- Comment `/agent <what to change>` on this PR to have the agent amend it.",
    ...(report.closes === undefined ? [] : ["", `Closes #${report.closes}`]),
    "",
    "<details><summary>How this was made</summary>",
    "",
    `This change was ${how}. LLM calls: ${report.llm.calls}, prompt tokens: ${report.llm.promptTokens}, completion tokens: ${report.llm.completionTokens}.`,
    "",
    "</details>",
  ].join("\n");
}
