import type { FeedbackEvent } from "../../core/lessons/index.js";

/**
 * Raw feedback signals, per repository. Recording is idempotent: an event whose `key` the repository
 * already holds is dropped, so redelivered webhooks and re-run jobs never count twice.
 */
export interface FeedbackStore {
  readonly kind: "file" | "redis";
  /** True when the event was new and is now durable; false when its key was already recorded. */
  record(event: FeedbackEvent): Promise<boolean>;
  /** Every event of one repository (`owner/name`, any case), oldest first. */
  list(repo: string): Promise<FeedbackEvent[]>;
  close(): Promise<void>;
}

/** Events kept per repository; the oldest go first beyond this (lessons need recent habits, not all history). */
export const MAX_EVENTS_PER_REPO = 50_000;
