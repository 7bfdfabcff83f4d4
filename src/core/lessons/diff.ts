import type { Block, ParsedFile } from "../terraform/types.js";
import type { Correction } from "./types.js";

/** The files of one agent PR at three points: before the agent, after its commits, and as people left them. */
export interface PullVersions {
  base: readonly ParsedFile[];
  agent: readonly ParsedFile[];
  head: readonly ParsedFile[];
}

interface Located {
  path: string;
  type: string;
  name: string;
  body: Block;
}

const MAX_CORRECTIONS = 200;

/**
 * What people changed in the blocks the agent wrote, attribute by attribute: arguments changed, added or
 * removed, blocks renamed, moved to another file or replaced by a module call. Blocks the agent did not
 * write or change are not its to learn from.
 */
export function diffAgentBlocks(versions: PullVersions): Correction[] {
  const base = index(versions.base);
  const agent = index(versions.agent);
  const head = index(versions.head);
  const agentModules = new Set([...agent.modules.keys()]);
  const out: Correction[] = [];
  const claimed = new Set<string>();

  for (const [address, wrote] of agent.resources) {
    const before = base.resources.get(address);
    if (before && same(before.body, wrote.body)) continue;
    const now = head.resources.get(address);
    if (now) {
      if (now.path !== wrote.path) out.push(correction(wrote, "file-moved", { target: now.path }));
      out.push(...attributeChanges(wrote, now));
      continue;
    }
    const renamed = bestRename(wrote, head.resources, agent.resources, claimed);
    if (renamed) {
      claimed.add(`${renamed.type}.${renamed.name}`);
      out.push(correction(wrote, "renamed", { target: renamed.name }));
      out.push(...attributeChanges(wrote, renamed));
      continue;
    }
    const module = [...head.modules.values()].find((m) => !agentModules.has(m.name) && mentions(m, wrote));
    if (module && typeof module.body.source === "string") {
      out.push(correction(wrote, "to-module", { target: module.body.source }));
      continue;
    }
    out.push(correction(wrote, "removed", {}));
  }
  return out.slice(0, MAX_CORRECTIONS);
}

function attributeChanges(wrote: Located, now: Located): Correction[] {
  const out: Correction[] = [];
  const keys = new Set([...Object.keys(wrote.body), ...Object.keys(now.body)]);
  for (const key of [...keys].sort()) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) continue;
    const had = key in wrote.body;
    const has = key in now.body;
    if (had && has && same(wrote.body[key], now.body[key])) continue;
    const op = !had ? "added" : !has ? "removed" : "changed";
    out.push(
      correction(now, op, {
        attribute: key,
        ...(had ? { from: wrote.body[key] } : {}),
        ...(has ? { to: now.body[key] } : {}),
      }),
    );
  }
  return out;
}

/** A new block of the same type that keeps most of the agent's argument values: the same block, renamed. */
function bestRename(
  wrote: Located,
  head: Map<string, Located>,
  agent: Map<string, Located>,
  claimed: Set<string>,
): Located | undefined {
  let best: Located | undefined;
  let bestScore = 0;
  for (const [address, candidate] of head) {
    if (candidate.type !== wrote.type || agent.has(address) || claimed.has(address)) continue;
    const keys = Object.keys(wrote.body);
    const shared = keys.filter((k) => k in candidate.body && same(wrote.body[k], candidate.body[k])).length;
    const score = keys.length === 0 ? 1 : shared / keys.length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore >= 0.5 ? best : undefined;
}

/** A module call that took over a block: it is passed one of the block's literal values. */
function mentions(module: Located, wrote: Located): boolean {
  const values = new Set(Object.values(wrote.body).map((v) => JSON.stringify(v)));
  return Object.entries(module.body).some(([k, v]) => k !== "source" && values.has(JSON.stringify(v)));
}

function correction(at: Located, op: Correction["op"], extra: Partial<Correction>): Correction {
  return { op, resourceType: at.type, name: at.name, path: at.path, ...extra };
}

function index(files: readonly ParsedFile[]) {
  const resources = new Map<string, Located>();
  const modules = new Map<string, Located>();
  for (const file of files) {
    for (const [type, byName] of Object.entries(file.body.resource ?? {})) {
      for (const [name, bodies] of Object.entries(byName)) {
        const body = bodies[0];
        if (body) resources.set(`${type}.${name}`, { path: file.path, type, name, body });
      }
    }
    for (const [name, bodies] of Object.entries(file.body.module ?? {})) {
      const body = bodies[0];
      if (body) modules.set(name, { path: file.path, type: "module", name, body });
    }
  }
  return { resources, modules };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
