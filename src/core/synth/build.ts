import { close } from "./close.js";
import { resolve } from "./resolve.js";
import { BuildState, type Built } from "./state.js";
import type { SynthContext } from "./types.js";
import { understand } from "./understand.js";
import type { Token } from "./words.js";
import { write } from "./write.js";

export type { Built } from "./state.js";

/**
 * Request → resources, in four phases over one shared state: understand (what the request names, new or
 * existing), resolve (the attributes it sets), close (companions and the reference filler), write
 * (required arguments, one-of choices, secure defaults, tags).
 */
export function build(request: string, tokens: readonly Token[], ctx: SynthContext): Built {
  const state = new BuildState(request, tokens, ctx);
  understand(state);
  resolve(state);
  const closer = close(state);
  write(state, closer);
  const { nodes, reused, variables, data, claimed, understood, missing } = state;
  return { nodes, reused, variables, data, claimed, understood, missing };
}
