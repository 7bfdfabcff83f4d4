import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const PackageJson = z.object({ name: z.literal("aws-devops-agent"), version: z.string() });

/**
 * This package's version, read from its package.json: the nearest one above this module, which is
 * `src/cli/` in a checkout and `dist/` in the installed bundle.
 */
export function packageVersion(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    try {
      const parsed = PackageJson.safeParse(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")));
      if (parsed.success) return parsed.data.version;
    } catch {
      // No package.json here, or not JSON: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

/** `devops-agent --version`: the package version and the AWS provider schemas it carries (manifest only). */
export async function versionText(): Promise<string> {
  const { bundledConstraintSource, bundledSchemaLines } = await import("../core/terraform/schema/loader.js");
  const lines = bundledSchemaLines().map(
    (l) =>
      `  ${l.source.provider} ${l.source.providerVersion} (from ${l.source.package} ${l.source.packageVersion})`,
  );
  const constraints = bundledConstraintSource();
  return [
    `devops-agent ${packageVersion()}`,
    "AWS provider schemas (offline validation):",
    ...lines,
    `Argument constraints (conflicts, one-of, required-with): ${constraints.provider} ${constraints.providerVersion} source${constraints.commit === null ? "" : ` (commit ${constraints.commit.slice(0, 12)})`}, applied to the ${constraints.lines.map((l) => `${l}.x`).join(" and ")} lines`,
  ].join("\n");
}
