import { homedir } from "node:os";
import { join } from "node:path";
import { createFileFeedbackStore } from "./file.js";
import { createRedisFeedbackStore } from "./redis.js";
import type { FeedbackStore } from "./types.js";

export type { FeedbackStore } from "./types.js";
export { MAX_EVENTS_PER_REPO } from "./types.js";
export { createFileFeedbackStore } from "./file.js";
export { createRedisFeedbackStore } from "./redis.js";

/** Where feedback lives. Plain data, so a worker thread can build its own store from it. */
export interface FeedbackSettings {
  /** Directory of the embedded file store. */
  dir: string;
  /** Set (with REDIS_URL): the shared store every replica uses, instead of the directory. */
  redis?: { url: string; prefix: string } | undefined;
}

/** `$DATA_DIR/feedback`, else `$XDG_DATA_HOME/devops-agent/feedback`, else under the home directory. */
export function defaultFeedbackDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATA_DIR) return join(env.DATA_DIR, "feedback");
  const base = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(base, "devops-agent", "feedback");
}

export function createFeedbackStore(
  settings: FeedbackSettings,
  onError?: (error: Error) => void,
): FeedbackStore {
  if (settings.redis) return createRedisFeedbackStore({ ...settings.redis, ...(onError ? { onError } : {}) });
  return createFileFeedbackStore({ dir: settings.dir });
}
