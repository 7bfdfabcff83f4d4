import { CONFIG_PATH } from "./schema.js";
import type { ConfigProblem } from "./load.js";

/** The comment body that tells a team what is wrong with their config file. */
export function formatConfigProblems(problems: ConfigProblem[], fileUrl?: string): string {
  const file = fileUrl ? `[\`${CONFIG_PATH}\`](${fileUrl})` : `\`${CONFIG_PATH}\``;
  const rows = problems.map((p) => {
    const where = [p.line === null ? null : `line ${p.line}`, p.field ? `\`${p.field}\`` : null]
      .filter(Boolean)
      .join(", ");
    return `- ${where ? `${where}: ` : ""}${p.message}`;
  });
  return [
    `### ⚠️ ${file} could not be used`,
    "",
    ...rows,
    "",
    "I am using the default settings until the file is fixed. The schema is in `schema/devops-agent.schema.json`;",
    "add `# yaml-language-server: $schema=<url of that file>` at the top for completion in your editor.",
  ].join("\n");
}
