// Counts the hostile suite's cases per family by running it: Jest's JSON report lists every `it` (each row
// of an `it.each` included) with its file, and the family is the file name's first part.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const FAMILIES = ["secrets", "injection", "authz", "markup", "exhaustion", "action"] as const;
interface Report {
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

const dir = mkdtempSync(join(tmpdir(), "count-hostile-"));
const out = join(dir, "report.json");
try {
  try {
    execFileSync("npx", ["jest", "test/hostile", "--json", `--outputFile=${out}`, "--silent"], {
      env: { ...process.env, NODE_OPTIONS: "--experimental-vm-modules" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch {
    // Failing cases still count as cases; the report says which failed.
  }
  const report = JSON.parse(readFileSync(out, "utf8")) as Report;
  const counts = new Map<string, { cases: number; passed: number; files: number }>();
  for (const file of report.testResults) {
    const family = basename(file.name).split(".")[0] ?? "?";
    const entry = counts.get(family) ?? { cases: 0, passed: 0, files: 0 };
    entry.files += 1;
    entry.cases += file.assertionResults.length;
    entry.passed += file.assertionResults.filter((a) => a.status === "passed").length;
    counts.set(family, entry);
  }
  let total = 0;
  for (const family of [
    ...FAMILIES,
    ...[...counts.keys()].filter((f) => !(FAMILIES as readonly string[]).includes(f)),
  ]) {
    const c = counts.get(family) ?? { cases: 0, passed: 0, files: 0 };
    total += c.cases;
    console.log(
      `${family.padEnd(11)} ${String(c.cases).padStart(4)} cases (${c.passed} passed) in ${c.files} files`,
    );
  }
  console.log(`${"total".padEnd(11)} ${String(total).padStart(4)} cases`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
