// The scenarios' before/after texts, written only when SCENARIO_OUT names a directory (for the issue's
// closing note); tests never depend on it.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export async function saveScenarioOutput(name: string, texts: Record<string, string>): Promise<void> {
  const dir = process.env.SCENARIO_OUT;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  const parts = Object.entries(texts).map(([k, v]) => `## ${k}\n\n${v}\n`);
  await writeFile(join(dir, `${name}.md`), parts.join("\n"));
}
