import { renderReviewSummary, type ReviewFinding, type ReviewReport } from "../../src/core/review/index.js";

/** The Markdown outside code spans: what GitHub would render as links, mentions or HTML. */
export function outsideCode(markdown: string): string {
  let out = "";
  let i = 0;
  while (i < markdown.length) {
    const run = /^`+/.exec(markdown.slice(i))?.[0];
    if (!run) {
      out += markdown[i];
      i += 1;
      continue;
    }
    const close = markdown.indexOf(run, i + run.length);
    if (close === -1) {
      out += markdown.slice(i);
      break;
    }
    i = close + run.length;
  }
  return out;
}

/** The review check run's summary for one finding, with `finding` replacing the fields a test makes hostile. */
export function summaryOf(finding: Partial<ReviewFinding>): string {
  const report: ReviewReport = {
    findings: [
      {
        ruleId: "security/s3-public",
        source: "security",
        level: "error",
        file: "s3.tf",
        line: 4,
        address: "aws_s3_bucket.site",
        message: "aws_s3_bucket.site is public",
        suggestion: null,
        ...finding,
      },
    ],
    rules: [],
    checks: [],
    filesChecked: 1,
    changed: null,
    conclusion: "failure",
  };
  return renderReviewSummary(report);
}
