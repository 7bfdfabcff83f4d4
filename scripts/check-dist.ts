// Fails when the committed action/dist differs from a fresh build of action/src (a stale bundle).
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAction } from "./build-action.js";

const committed = fileURLToPath(new URL("../action/dist", import.meta.url));
const fresh = await mkdtemp(join(tmpdir(), "action-dist-"));
try {
  await buildAction(fresh);
  const names = new Set([...(await readdir(fresh)), ...(await readdir(committed).catch(() => []))]);
  const stale: string[] = [];
  for (const name of [...names].sort()) {
    const [a, b] = await Promise.all([
      readFile(join(fresh, name)).catch(() => null),
      readFile(join(committed, name)).catch(() => null),
    ]);
    if (a === null || b === null || !a.equals(b)) stale.push(name);
  }
  if (stale.length > 0) {
    console.error(
      `action/dist is stale (${stale.join(", ")}): run npm run build:action and commit action/dist`,
    );
    process.exitCode = 1;
  } else {
    console.log("action/dist matches action/src");
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}
