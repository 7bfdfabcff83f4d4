/**
 * Errors from STS worth another try: throttling, STS or the network failing on its side, and GitHub's IdP
 * not answering AWS in time. The SDK names modelled errors after their shapes
 * (IDPCommunicationErrorException), unmodelled ones after the code.
 */
const RETRYABLE = new Set([
  "Throttling",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "PriorRequestNotComplete",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "InternalFailure",
  "InternalError",
  "RequestTimeout",
  "RequestTimeoutException",
  "IDPCommunicationError",
  "IDPCommunicationErrorException",
  "InvalidIdentityToken",
  "InvalidIdentityTokenException",
  // fetchRequestHandler (http.ts): the request never got an HTTP answer.
  "NetworkError",
]);

/** Answers another try cannot change: the request or the trust policy is wrong. */
const NEVER =
  /^(AccessDenied|ValidationError|InvalidParameter|MalformedPolicyDocument|PackedPolicyTooLarge|ExpiredToken|InvalidClientTokenId|RegionDisabled)/;

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  capMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (error: Error, attempt: number, delayMs: number) => void;
}

export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error) || NEVER.test(error.name)) return false;
  if (RETRYABLE.has(error.name)) return true;
  // A 5xx the SDK could not map to a modelled error (an HTML page from a proxy, a bare 503).
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === "number" && status >= 500 && status <= 599;
}

/** Full-jitter exponential backoff: wait a random time up to base·2^attempt, capped. */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error) || attempt + 1 >= options.attempts) throw error;
      const delay = Math.floor(options.random() * Math.min(options.capMs, options.baseMs * 2 ** attempt));
      options.onRetry?.(error as Error, attempt + 1, delay);
      await options.sleep(delay);
    }
  }
}
