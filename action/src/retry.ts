/**
 * Errors from STS worth another try: throttling, and GitHub's IdP not answering AWS in time. The SDK names
 * modelled errors after their shapes (IDPCommunicationErrorException), unmodelled ones after the code.
 */
const RETRYABLE = new Set([
  "Throttling",
  "ThrottlingException",
  "RequestLimitExceeded",
  "IDPCommunicationError",
  "IDPCommunicationErrorException",
  "InvalidIdentityToken",
  "InvalidIdentityTokenException",
]);

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  capMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (error: Error, attempt: number, delayMs: number) => void;
}

export function isRetryable(error: unknown): boolean {
  return error instanceof Error && RETRYABLE.has(error.name);
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
