import type { Kind } from "./mentions.js";
import type { Clause } from "./text.js";

/** One building block the request asks for, before names are made unique and blocks are wired. */
export interface Draft {
  kind: Kind;
  clause: Clause;
  clauseIndex: number;
  /** The part of the clause that describes this block. */
  from: number;
  to: number;
  name?: string | undefined;
  params: Record<string, unknown>;
  /** Kinds this block's text points back to ("the queue", "it"). */
  refs: Kind[];
  /** A customer managed key was asked for. */
  cmk: boolean;
  /** A schedule phrase inside this block's text ("runs every 15 minutes"). */
  schedule?: string | undefined;
  /** Set when the planner drops the draft (it became a question). */
  dropped?: boolean;
}

export interface Findings {
  questions: string[];
  notes: string[];
  unrecognized: string[];
}
