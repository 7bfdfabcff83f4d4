/**
 * Terraform version constraints (`~> 5.0`, `>= 4.20, < 6`): enough to pick the bundled schema a repository
 * gets and to say when none fits. Pre-release suffixes are ignored.
 */

type Version = [number, number, number];

export function parseVersion(text: string): Version | null {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text.trim());
  if (match === null) return null;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True when `version` meets every comma-separated clause of `constraint`; false for one we cannot read. */
export function satisfies(version: string, constraint: string): boolean {
  const v = parseVersion(version);
  if (v === null) return false;
  return constraint
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "")
    .every((clause) => {
      const match = /^(~>|>=|<=|!=|=|>|<)?\s*(.+)$/.exec(clause);
      const target = parseVersion(match?.[2] ?? "");
      if (match === null || target === null) return false;
      const order = compare(v, target);
      switch (match[1] ?? "=") {
        case "~>": {
          // `~> 5.1` allows 5.x ≥ 5.1; `~> 5.1.2` allows 5.1.x ≥ 5.1.2.
          const parts = (match[2] ?? "").split(".").length;
          const upper: Version = parts >= 3 ? [target[0], target[1] + 1, 0] : [target[0] + 1, 0, 0];
          return order >= 0 && compare(v, upper) < 0;
        }
        case ">=":
          return order >= 0;
        case "<=":
          return order <= 0;
        case ">":
          return order > 0;
        case "<":
          return order < 0;
        case "!=":
          return order !== 0;
        default:
          return order === 0;
      }
    });
}
