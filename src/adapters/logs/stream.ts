import { createExcerptBuilder } from "../../core/logs/index.js";
import type { ExcerptOptions, LogExcerpt } from "../../core/logs/index.js";

export interface StreamExcerptOptions extends ExcerptOptions {
  /** Stop reading after this many input bytes (default: read everything; memory stays bounded anyway). */
  maxReadBytes?: number;
}

export interface StreamExcerpt extends LogExcerpt {
  bytesRead: number;
  /** True when reading stopped at `maxReadBytes` before the end of the log. */
  readCapped: boolean;
}

// A line longer than this is kept only in part: the excerpt cuts lines far shorter anyway.
const MAX_PENDING = 16 * 1024;

/**
 * Reads a job log chunk by chunk and returns its excerpt. Memory is bounded by the excerpt budget plus
 * one chunk and one (capped) partial line, so a 500 MB log never sits in memory.
 */
export async function excerptFromStream(
  stream: AsyncIterable<unknown>,
  options: StreamExcerptOptions = {},
): Promise<StreamExcerpt> {
  const builder = createExcerptBuilder(options);
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const maxRead = options.maxReadBytes ?? Number.POSITIVE_INFINITY;
  let pending = "";
  let overflow = false;
  let bytesRead = 0;
  let readCapped = false;

  const feed = (text: string): void => {
    let start = 0;
    for (;;) {
      const end = text.indexOf("\n", start);
      if (end === -1) break;
      const piece = text.slice(start, end);
      builder.push(overflow ? pending : pending + piece.slice(0, MAX_PENDING));
      pending = "";
      overflow = false;
      start = end + 1;
    }
    if (start < text.length && !overflow) {
      pending += text.slice(start);
      if (pending.length > MAX_PENDING) {
        pending = pending.slice(0, MAX_PENDING);
        overflow = true;
      }
    }
  };

  for await (const chunk of stream) {
    let bytes: Uint8Array;
    if (typeof chunk === "string") bytes = Buffer.from(chunk, "utf8");
    else if (chunk instanceof Uint8Array) bytes = chunk;
    else throw new TypeError(`log stream yielded a ${typeof chunk} chunk; expected bytes or text`);
    if (bytesRead + bytes.length > maxRead) {
      bytes = bytes.subarray(0, Math.max(0, maxRead - bytesRead));
      readCapped = true;
    }
    bytesRead += bytes.length;
    feed(decoder.decode(bytes, { stream: true }));
    if (readCapped) break;
  }
  feed(decoder.decode());
  if (pending !== "") builder.push(pending);
  return { ...builder.finish(), bytesRead, readCapped };
}
