import { resolveBlocks } from "./blocks.js";
import { namedArguments, patternArguments, type AttributeHit } from "./attributes.js";
import { setOnce, type Node } from "./node.js";
import type { BuildState } from "./state.js";
import { tokenize, type Token } from "./words.js";

/**
 * Phase 2, resolve: the attributes the request sets ("3 nodes", "retain for 30 days"), each given to the
 * nearest requested resource that has the argument; then the patterns any resource with the argument takes.
 */
export function resolve(state: BuildState): void {
  const { tokens, claimed, understood } = state;
  const requested = state.nodes.filter((n) => n.origin === "requested");
  const hits: { node: Node; hit: AttributeHit }[] = [];
  for (const node of requested) {
    const ts = state.typeSchema(node.type);
    if (ts === undefined) continue;
    for (const hit of namedArguments(tokens, ts, claimed, state.request)) hits.push({ node, hit });
  }
  const byPosition = new Map<string, { node: Node; hit: AttributeHit }>();
  for (const entry of hits) {
    const key = `${entry.hit.at}:${entry.hit.path}`;
    const previous = byPosition.get(key);
    if (
      previous === undefined ||
      Math.abs(entry.node.at - entry.hit.at) < Math.abs(previous.node.at - previous.hit.at)
    )
      byPosition.set(key, entry);
  }
  for (const { node, hit } of byPosition.values()) {
    if (setOnce(node, hit.path, hit.value, `${hit.path} from "${hit.phrase}"`)) {
      hit.tokens.forEach((t) => claimed.add(t));
      understood.push({ phrase: hit.phrase, meaning: `${node.type}.${node.name}: ${hit.path}` });
    }
  }
  for (const node of requested) {
    const ts = state.typeSchema(node.type);
    if (ts === undefined) continue;
    const has = (path: string): boolean => ts.attributes.has(path) && !ts.computed.includes(path);
    for (const hit of patternArguments(state.request, has, node.type))
      if (setOnce(node, hit.path, hit.value, `${hit.path} from "${hit.phrase}"`)) {
        understood.push({ phrase: hit.phrase, meaning: `${node.type}.${node.name}: ${hit.path}` });
        claimPhrase(tokens, claimed, hit.phrase);
      }
  }
  resolveBlocks(state);
}

/** The words of a phrase a pattern read ("7-day backups") are understood: claim their first occurrence. */
function claimPhrase(tokens: readonly Token[], claimed: Set<number>, phrase: string): void {
  const words = tokenize(phrase).map((t) => t.word);
  if (words.length === 0) return;
  for (let i = 0; i + words.length <= tokens.length; i++)
    if (words.every((w, k) => tokens[i + k]?.word === w)) {
      words.forEach((_, k) => claimed.add(i + k));
      return;
    }
}
