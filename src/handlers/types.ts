import type { Job } from "../jobs/types.js";
import type { Log } from "../tasks/types.js";

/** What a handler gets: the minimal event view, so handlers stay testable without Probot internals. */
export interface HandlerEvent {
  id: string;
  name: string;
  payload: unknown;
  log: Log;
}

export interface HandlerDeps {
  enqueue: (job: Job) => Promise<boolean>;
  log: Log;
  now: () => number;
}
