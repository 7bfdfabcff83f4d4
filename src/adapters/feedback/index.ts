import { homedir } from "node:os";
import { join } from "node:path";
import { createFileFeedbackStore } from "./file.js";
import type { FeedbackStore } from "./types.js";

export type { FeedbackStore } from "./types.js";
export { MAX_EVENTS_PER_REPO } from "./types.js";
export { createFileFeedbackStore } from "./file.js";

/** Where feedback lives. Plain data, so a worker thread can build its own store from it. */
export interface FeedbackSettings {
  /** Directory of the embedded file store. */
  dir: string;
}

/** `$DATA_DIR/feedback`, else `$XDG_DATA_HOME/devops-agent/feedback`, else under the home directory. */
export function defaultFeedbackDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATA_DIR) return join(env.DATA_DIR, "feedback");
  const base = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(base, "devops-agent", "feedback");
}

export function createFeedbackStore(settings: FeedbackSettings): FeedbackStore {
  return createFileFeedbackStore({ dir: settings.dir });
}
