import type { JobDiagnosis } from "../../core/diagnosis/index.js";

/** One failed workflow run attempt, whichever way it reached us (webhook or `/agent fix`). */
export interface RunTarget {
  runId: number;
  attempt: number;
  workflowName: string;
  runUrl: string;
  headBranch: string;
  headSha: string;
  /** The same-repository pull request the run belongs to; null when it has none. */
  prNumber: number | null;
  defaultBranch: string;
  /** The event that started the run (`push`, `pull_request`…), when known. */
  event?: string;
}

export interface LlmUse {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

export interface RunDiagnosis {
  jobs: JobDiagnosis[];
  llm: LlmUse;
}
