import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** GitHub caps webhook payloads at 25 MB; anything larger did not come from GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface BodyLimitOptions {
  /** The webhook path; other routes are passed through untouched. */
  path: string;
  secret: string;
  maxBytes?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Reads a webhook body under a byte cap while computing its HMAC, before Probot sees it. A body that
 * announces or reaches more than the cap gets 413 and the connection is dropped, so a forged 300 MB upload
 * costs at most the cap in memory; an unsigned or wrongly signed body gets 400 without being parsed.
 * The verified text is handed on as `req.body`, which @octokit/webhooks uses instead of reading the stream.
 */
export function limitWebhookBody(next: Handler, options: BodyLimitOptions): Handler {
  const maxBytes = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0]?.replace(/\/+$/, "");
    if (req.method !== "POST" || path !== options.path.replace(/\/+$/, "")) return next(req, res);
    const signature = /^sha256=([0-9a-f]{64})$/.exec(String(req.headers["x-hub-signature-256"] ?? ""))?.[1];
    if (signature === undefined) return refuse(req, res, 400, "missing or malformed x-hub-signature-256");
    const announced = Number(req.headers["content-length"] ?? 0);
    if (announced > maxBytes) return refuse(req, res, 413, tooLarge(maxBytes));
    const hmac = createHmac("sha256", options.secret);
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      received += chunk.length;
      if (received > maxBytes) {
        done = true;
        chunks.length = 0;
        return refuse(req, res, 413, tooLarge(maxBytes));
      }
      hmac.update(chunk);
      chunks.push(chunk);
    });
    req.on("error", () => {
      done = true;
      chunks.length = 0;
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      const expected = Buffer.from(signature, "hex");
      if (!timingSafeEqual(hmac.digest(), expected))
        return refuse(req, res, 400, "signature does not match the payload and the webhook secret");
      (req as IncomingMessage & { body?: string }).body = Buffer.concat(chunks).toString("utf8");
      chunks.length = 0;
      next(req, res);
    });
  };
}

function tooLarge(maxBytes: number): string {
  return `payload larger than ${maxBytes} bytes (GitHub never sends more)`;
}

// After a refusal the client may still be uploading. Closing a socket with unread input makes the kernel
// send a reset, which can destroy our answer before the client reads it, so we half-close and keep
// discarding for a moment ("lingering close", as nginx does), bounded in bytes and time.
const LINGER_MS = 2_000;
const LINGER_BYTES = 8 * 1024 * 1024;

/** Answers, then drops the connection so a client still uploading cannot keep us reading. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  req.removeAllListeners("data");
  const socket = req.socket;
  const drop = () => socket.destroy();
  let discarded = 0;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error }), () => {
    socket.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_BYTES) drop();
    });
    socket.end();
    setTimeout(drop, LINGER_MS).unref();
  });
  req.resume();
}
