import { BARE_AWS_SECRET, SECRET_PATTERNS } from "./patterns.js";

export const REDACTED = "[REDACTED]";

/** Removes every known secret shape from `text`. Pure; safe to call on any outgoing string. */
export function redact(text: string): string {
  let out = text;
  for (const { pattern, group } of SECRET_PATTERNS) {
    out = out.replace(pattern, (match: string, ...captures: unknown[]) => {
      if (group === undefined) return REDACTED;
      const prefix = typeof captures[0] === "string" && group === 2 ? captures[0] : "";
      return `${prefix}${REDACTED}`;
    });
  }
  return out.replace(BARE_AWS_SECRET, (match) => (looksLikeSecretKey(match) ? REDACTED : match));
}

function looksLikeSecretKey(candidate: string): boolean {
  return /[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /[0-9]/.test(candidate);
}

/**
 * A redactor that also knows the exact secrets this process holds (installation tokens, keys from config).
 * Register a secret before anything can print it.
 */
export interface Redactor {
  register(secret: string | undefined): void;
  redact(text: string): string;
}

const MIN_REGISTERED_LENGTH = 6;

export function createRedactor(initial: Iterable<string | undefined> = []): Redactor {
  const secrets = new Set<string>();
  const redactor: Redactor = {
    register(secret) {
      if (secret !== undefined && secret.length >= MIN_REGISTERED_LENGTH) secrets.add(secret);
    },
    redact(text) {
      let out = text;
      for (const secret of secrets) out = out.split(secret).join(REDACTED);
      return redact(out);
    },
  };
  for (const secret of initial) redactor.register(secret);
  return redactor;
}

/** Redacts every string inside a JSON-like value, for structured logs and prompts. */
export function redactDeep<T>(value: T, redactor: Pick<Redactor, "redact"> = { redact }): T {
  if (typeof value === "string") return redactor.redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redactor)) as T;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => [key, redactDeep(item, redactor)] as const);
    return Object.fromEntries(entries) as T;
  }
  return value;
}
