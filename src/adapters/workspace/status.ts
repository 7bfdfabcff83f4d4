export type ChangeAction = "create" | "modify" | "delete";

export interface FileChange {
  path: string;
  action: ChangeAction;
}

/**
 * Parses `git status --porcelain=v1 -z --no-renames --untracked-files=all`: entries are
 * `XY path` separated by NUL, X for the index and Y for the working tree.
 */
export function parsePorcelain(output: string): FileChange[] {
  const changes: FileChange[] = [];
  for (const entry of output.split("\0")) {
    if (entry.length < 4) continue;
    const index = entry[0] ?? " ";
    const tree = entry[1] ?? " ";
    const path = entry.slice(3);
    const action = actionOf(index, tree);
    if (action !== undefined) changes.push({ path, action });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function actionOf(index: string, tree: string): ChangeAction | undefined {
  if (index === "?" || index === "A") return tree === "D" ? undefined : "create";
  if (index === "D" || tree === "D") return "delete";
  if (index === "!") return undefined;
  return "modify";
}
