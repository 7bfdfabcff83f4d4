import picomatch from "picomatch";

// Dot files count (`.github/**` must cover `.github/CODEOWNERS`); case is ignored so a case-insensitive
// checkout cannot dodge a glob by spelling.
const OPTIONS = { dot: true, nocase: true, strictBrackets: true } as const;
const compiled = new Map<string, (path: string) => boolean>();

/**
 * Why a path glob from the repo config cannot be used, or null when it can. Checked at config load, so a
 * typo is reported on its line instead of silently protecting nothing.
 */
export function globProblem(glob: string): string | null {
  const body = glob.startsWith("!") ? glob.slice(1) : glob;
  if (body.trim() === "") return "an empty glob matches nothing";
  if (body.startsWith("/")) return "globs are relative to the repository root; drop the leading /";
  if (body.includes("\\")) return "use / as the separator (a \\ escape is not supported here)";
  if (body.split("/").includes("..")) return "'..' leaves the repository";
  try {
    picomatch.makeRe(normalise(body), OPTIONS);
  } catch (error) {
    return `not a valid glob: ${error instanceof Error ? error.message : String(error)}`;
  }
  return null;
}

/** Whether `path` (relative, `/` separators) matches `glob` (picomatch syntax; a trailing `/` = everything below). */
export function globMatches(glob: string, path: string): boolean {
  let test = compiled.get(glob);
  if (test === undefined) {
    test = picomatch(normalise(glob), OPTIONS);
    compiled.set(glob, test);
  }
  return test(path);
}

const normalise = (glob: string): string => glob.replace(/^\.\//, "").replace(/\/$/, "/**");
