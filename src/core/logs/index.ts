export { cleanLine, looksBinary } from "./clean.js";
export { EXCERPT_DEFAULTS, createExcerptBuilder, excerptFromText } from "./builder.js";
export type { ExcerptBuilder, ExcerptOptions, LogExcerpt, LogStep } from "./types.js";
