// Rendered outputs for people to read (the closing note), written only when REVIEW_SAMPLES_DIR
// names a directory; tests never depend on it.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export async function saveSample(name: string, text: string): Promise<void> {
  const dir = process.env.REVIEW_SAMPLES_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), text);
}
