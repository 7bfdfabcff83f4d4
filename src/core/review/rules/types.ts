import type { ReviewLevel, ReviewRule } from "../types.js";
import type { Subject } from "../values.js";

/** What one rule found on one resource. */
export interface Hit {
  message: string;
  /** Attribute path whose line the finding points at; the resource's line otherwise. */
  path?: readonly string[];
  /** Softer (or harder) than the rule's default level for this case. */
  level?: ReviewLevel;
  suggestion?: string;
}

/** Everything declared in the reviewed tree, for rules that look for a companion resource. */
export interface RepoView {
  ofType(type: string): readonly Subject[];
}

export interface TableRule extends ReviewRule {
  check(subject: Subject, repo: RepoView): Hit[];
}
