import { BLOCK_CASES } from "./requests.blocks.cases.js";
import type { RequestCase } from "./requests.case.js";
import { WIRED_CASES } from "./requests.wired.cases.js";

export type { RequestCase } from "./requests.case.js";

/** The plain-English requests every recipe test runs: one per building block, then the combinations. */
export const CASES: RequestCase[] = [...BLOCK_CASES, ...WIRED_CASES];
