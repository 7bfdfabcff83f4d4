/**
 * Thrown by the job processor instead of reporting a failure when the failure is passing (GitHub 5xx or
 * rate limits, a model's 429, the network) and the job has shown nothing to anyone yet: a queue with
 * retries runs the job again later. Queues without retries never see it.
 */
export class RetryLater extends Error {
  override name = "RetryLater";
  constructor(
    message: string,
    /** What the server asked for (Retry-After), when it said. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

/** Which attempt this is; on the final one a passing failure is reported like any other. */
export interface JobAttempt {
  number: number;
  final: boolean;
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EPIPE",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
]);
const RATE_LIMIT_TEXT = /secondary rate limit|rate limit exceeded|abuse detection/i;

interface ErrorShape {
  status?: unknown;
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  headers?: unknown;
  response?: { headers?: unknown } | undefined;
}

/**
 * Whether an error is worth another try later, and how long the server asked us to wait. Reads the shapes
 * Octokit's RequestError, the OpenAI SDK's APIError and Node's network errors have, following `cause`.
 */
export function transientFailure(error: unknown): { retryAfterMs: number | null } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth += 1) {
    const e = current as ErrorShape;
    const status = typeof e.status === "number" ? e.status : null;
    const message = typeof e.message === "string" ? e.message : "";
    const retryAfterMs = retryAfter(e.response?.headers ?? e.headers);
    if (status !== null && status >= 500 && status !== 501) return { retryAfterMs };
    if (status === 429) return { retryAfterMs };
    if (status === 403 && (RATE_LIMIT_TEXT.test(message) || retryAfterMs !== null)) return { retryAfterMs };
    if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return { retryAfterMs: null };
    if (typeof e.name === "string" && /^APIConnection(Timeout)?Error$/.test(e.name))
      return { retryAfterMs: null };
    current = e.cause;
  }
  return null;
}

function retryAfter(headers: unknown): number | null {
  if (typeof headers !== "object" || headers === null) return null;
  const value =
    headers instanceof Headers
      ? headers.get("retry-after")
      : (headers as Record<string, unknown>)["retry-after"];
  const seconds = Number(value);
  return value !== undefined && value !== null && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : null;
}
