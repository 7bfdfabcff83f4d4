import { createBubblewrapSandbox, type BubblewrapOptions } from "./bubblewrap.js";
import type { Sandbox } from "./types.js";

export type * from "./types.js";
export { SANDBOX_WORKSPACE } from "./args.js";
export { createBubblewrapSandbox, type BubblewrapOptions } from "./bubblewrap.js";

/**
 * The sandbox for this process: bubblewrap. When it is missing or cannot create namespaces, every run
 * answers `unavailable` with the reason, and callers fall back and say so.
 */
export function createSandbox(options: BubblewrapOptions = {}): Sandbox {
  return createBubblewrapSandbox(options);
}
