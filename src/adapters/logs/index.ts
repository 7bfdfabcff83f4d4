export { excerptFromStream } from "./stream.js";
export type { StreamExcerpt, StreamExcerptOptions } from "./stream.js";
