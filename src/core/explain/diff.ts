import type { ParsedFile } from "../terraform/types.js";
import { blocks, isLiteralTrue, stringList, subjectsOf, type Subject } from "../review/values.js";
import type { DiffFacts, ResourceDiff } from "./types.js";

export interface DiffInput {
  /** Parsed Terraform of the base branch and of the pull request's head (paths relative to the repository). */
  base: readonly ParsedFile[];
  head: readonly ParsedFile[];
  /** Files the pull request touches (old and new path of a rename); only their resources are compared. */
  changed: readonly string[];
  terraformFiles: readonly string[];
  otherFiles: number;
  unreadable: readonly string[];
}

/**
 * Resources created, changed (which top-level arguments) and destroyed between base and head, judged only in
 * the files the pull request touches: the base branch may have moved on elsewhere, and those changes are
 * not this pull request's. A `moved` block turns a destroy plus a create into a move.
 */
export function diffResources(input: DiffInput): DiffFacts {
  const scope = new Set(input.changed);
  const keyed = (files: readonly ParsedFile[]) => {
    const map = new Map<string, Subject>();
    for (const s of subjectsOf(files.filter((f) => scope.has(f.path))))
      if (!s.address.startsWith("data.")) map.set(keyOf(s.dir, s.address), s);
    return map;
  };
  const before = keyed(input.base);
  const after = keyed(input.head);
  const moved = movedBlocks(input.head.filter((f) => scope.has(f.path)));
  const movedFrom = new Set(moved.map((m) => m.fromKey));
  const movedTo = new Set(moved.map((m) => m.toKey));

  const created: ResourceDiff[] = [];
  const changed: ResourceDiff[] = [];
  const destroyed: ResourceDiff[] = [];
  for (const [key, s] of after) {
    const old = before.get(key);
    if (!old) {
      if (!movedTo.has(key)) created.push(entry(s, []));
      continue;
    }
    const args = changedArguments(old.body, s.body);
    if (args.length > 0) changed.push(entry(s, args));
  }
  for (const [key, s] of before) if (!after.has(key) && !movedFrom.has(key)) destroyed.push(entry(s, []));
  const byAddress = (a: ResourceDiff, b: ResourceDiff) => a.address.localeCompare(b.address);
  return {
    created: created.sort(byAddress),
    changed: changed.sort(byAddress),
    destroyed: destroyed.sort(byAddress),
    moved: moved.map(({ from, to }) => ({ from, to })),
    terraformFiles: [...input.terraformFiles].sort(),
    otherFiles: input.otherFiles,
    unreadable: [...input.unreadable].sort(),
  };
}

const keyOf = (dir: string, address: string) => `${dir}\u0000${address}`;
const shownAddress = (dir: string, address: string) => (dir === "" ? address : `${dir}: ${address}`);

function entry(s: Subject, args: string[]): ResourceDiff {
  return {
    address: shownAddress(s.dir, s.address),
    type: s.type,
    file: s.file,
    arguments: args,
    preventDestroy: blocks(s.body.lifecycle).some((l) => isLiteralTrue(l.prevent_destroy)),
    unpinnedEngine: unpinned(s),
  };
}

function unpinned(s: Subject): string | null {
  const argument = ENGINE_VERSION[s.type];
  return argument !== undefined && s.body[argument] === undefined ? argument : null;
}

/** Managed engines and the argument that pins their version (absent: AWS's default of the day). */
const ENGINE_VERSION: Readonly<Record<string, string>> = {
  aws_db_instance: "engine_version",
  aws_rds_cluster: "engine_version",
  aws_docdb_cluster: "engine_version",
  aws_neptune_cluster: "engine_version",
  aws_elasticache_cluster: "engine_version",
  aws_elasticache_replication_group: "engine_version",
  aws_opensearch_domain: "engine_version",
  aws_eks_cluster: "version",
};

function changedArguments(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null))
    .sort();
}

/** `moved { from = aws_x.a  to = aws_x.b }` blocks; hcl2json keeps the references as `${...}` strings. */
function movedBlocks(files: readonly ParsedFile[]) {
  const out: { from: string; to: string; fromKey: string; toKey: string }[] = [];
  for (const file of files) {
    const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
    for (const block of blocks(file.body.moved)) {
      const [from] = stringList(block.from).map(reference);
      const [to] = stringList(block.to).map(reference);
      if (!from || !to) continue;
      out.push({
        from: shownAddress(dir, from),
        to: shownAddress(dir, to),
        fromKey: keyOf(dir, from),
        toKey: keyOf(dir, to),
      });
    }
  }
  return out;
}

const reference = (text: string) => text.replace(/^\$\{([\s\S]*)\}$/, "$1").trim();
