import { parseVersion, satisfies } from "./constraint.js";
import type { SchemaLine } from "./manifest.js";

/** Which bundled schema a repository gets, and the sentence that says so in `checks`. */
export interface SchemaChoice {
  line: string;
  providerVersion: string;
  /** True when the bundled version is the one terraform would use (locked, or the newest that fits). */
  exact: boolean;
  /** e.g. `offline schema 5.100.0 for constraint ~> 5.0`. */
  note: string;
}

// OpenTofu's lock file names its own registry; the provider releases it serves are hashicorp's.
const LOCKED_AWS = /provider\s+"registry\.(?:terraform\.io|opentofu\.org)\/hashicorp\/aws"\s*\{([^}]*)\}/;

/** The hashicorp/aws version a `.terraform.lock.hcl` pins, or null. */
export function lockedAwsVersion(lockFile: string | null): string | null {
  const block = lockFile === null ? undefined : LOCKED_AWS.exec(lockFile)?.[1];
  const version = block === undefined ? undefined : /^\s*version\s*=\s*"([^"]+)"/m.exec(block)?.[1];
  return version !== undefined && parseVersion(version) !== null ? version : null;
}

/**
 * Terraform installs the locked version, else the newest release meeting every constraint. A bundled line
 * that is that version (or, unlocked, the newest that fits) is exact; otherwise the nearest line is used
 * and the note says so, so a report never claims a schema the repository does not get.
 */
export function selectSchemaLine(
  lines: readonly SchemaLine[],
  constraint: string | null,
  lockFile: string | null,
): SchemaChoice {
  const sorted = [...lines].sort((a, b) => Number(a.line) - Number(b.line));
  const newest = sorted[sorted.length - 1];
  if (newest === undefined) throw new Error("no bundled AWS provider schema");
  const choose = (line: SchemaLine, exact: boolean, note: string): SchemaChoice => ({
    line: line.line,
    providerVersion: line.source.providerVersion,
    exact,
    note,
  });
  const locked = lockedAwsVersion(lockFile);
  if (locked !== null) {
    const same = sorted.find((l) => l.source.providerVersion === locked);
    if (same !== undefined) return choose(same, true, `offline schema ${locked} for locked ${locked}`);
    const near = nearest(sorted, locked);
    return choose(near, false, `offline schema ${near.source.providerVersion} for locked ${locked} (nearest bundled; ${locked} is not bundled)`);
  }
  const wanted = constraint?.trim() ?? "";
  if (wanted === "")
    return choose(newest, true, `offline schema ${newest.source.providerVersion} (no version constraint: terraform installs the newest)`);
  const fitting = sorted.filter((l) => satisfies(l.source.providerVersion, wanted));
  const best = fitting[fitting.length - 1];
  if (best !== undefined) {
    // Newer releases than the bundled one may also fit: then terraform would install those instead.
    const exact = best === newest ? false : !satisfies(`${Number(best.line) + 1}.0.0`, wanted);
    const qualifier = exact ? "" : "; newer releases may also fit";
    return choose(best, exact, `offline schema ${best.source.providerVersion} for constraint ${wanted}${qualifier}`);
  }
  const near = nearestToConstraint(sorted, wanted);
  return choose(near, false, `offline schema ${near.source.providerVersion} for constraint ${wanted} (no bundled schema satisfies it; nearest used)`);
}

function nearest(lines: readonly SchemaLine[], version: string): SchemaLine {
  const major = parseVersion(version)?.[0] ?? 0;
  return [...lines].sort(
    (a, b) => Math.abs(Number(a.line) - major) - Math.abs(Number(b.line) - major) || Number(b.line) - Number(a.line),
  )[0] as SchemaLine;
}

/** The line whose major is closest to the versions the constraint names (`< 4.0` → 4, `4.20` → 4). */
function nearestToConstraint(lines: readonly SchemaLine[], constraint: string): SchemaLine {
  const named = [...constraint.matchAll(/(\d+)(?:\.\d+){0,2}/g)].map((m) => m[0]);
  const first = named[0];
  return first === undefined ? (lines[lines.length - 1] as SchemaLine) : nearest(lines, first);
}
