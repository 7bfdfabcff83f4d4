import { PlanParseError } from "./errors.js";

/**
 * Returns the plan as UTF-8 bytes. PowerShell's `>` writes UTF-16 LE with a byte-order mark, and
 * `Out-File -Encoding utf8` on Windows PowerShell adds a UTF-8 BOM; both are normal ways to save a plan.
 */
export function toUtf8(bytes: Uint8Array): Buffer {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3);
  if (buf[0] === 0xff && buf[1] === 0xfe) return utf16(buf.subarray(2), "utf-16le");
  if (buf[0] === 0xfe && buf[1] === 0xff) return utf16(buf.subarray(2), "utf-16be");
  // Without a BOM, JSON's first character is ASCII, so a zero byte beside it gives the byte order away.
  if (buf.length >= 2 && buf[0] !== 0 && buf[1] === 0) return utf16(buf, "utf-16le");
  if (buf.length >= 2 && buf[0] === 0 && buf[1] !== 0) return utf16(buf, "utf-16be");
  return buf;
}

function utf16(buf: Buffer, encoding: "utf-16le" | "utf-16be"): Buffer {
  if (buf.length % 2 !== 0) {
    throw new PlanParseError(`truncated file: ${encoding.toUpperCase()} text with an odd number of bytes`);
  }
  const text = new TextDecoder(encoding).decode(buf);
  return Buffer.from(text, "utf8");
}
