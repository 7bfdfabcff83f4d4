import { redactKeyBlocks } from "./blocks.js";
import { BARE_AWS_SECRET, SECRET_PATTERNS } from "./patterns.js";

export { isKeyBodyLine } from "./blocks.js";
export const REDACTED = "[REDACTED]";

/** Removes every known secret shape from `text`. Pure; safe to call on any outgoing string. */
export function redact(text: string): string {
  let out = redactKeyBlocks(text, REDACTED);
  for (const { pattern } of SECRET_PATTERNS) {
    out = out.replace(pattern, (...args: unknown[]) => {
      const groups = args[args.length - 1];
      if (typeof groups !== "object" || groups === null) return REDACTED;
      const { pre, post } = groups as { pre?: string; post?: string };
      return `${pre ?? ""}${REDACTED}${post ?? ""}`;
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

/**
 * How far past a cut the redactor must see so that a secret straddling the cut is recognised: longer
 * than any single-token shape we know except the few that are recognisable from their first part alone.
 */
export const REDACT_REACH = 2048;

export interface CutOptions {
  redactor?: Pick<Redactor, "redact">;
  /** Appended when something was cut, e.g. "…" or " …[line cut]". */
  marker?: string;
}

/**
 * Redacts, then cuts to at most `max` characters: never the other way round, which would leave half a
 * secret that no pattern recognises. Only the part that can survive the cut (plus a reach) is redacted,
 * so cutting a huge text stays cheap.
 */
export function redactThenCut(text: string, max: number, options: CutOptions = {}): string {
  const r = options.redactor ?? { redact };
  const window = text.length > max + REDACT_REACH ? text.slice(0, max + REDACT_REACH) : text;
  const clean = r.redact(window);
  if (clean.length <= max && window.length === text.length) return clean;
  const marker = options.marker ?? "";
  if (clean.length <= max) return `${clean}${marker}`;
  // Never end inside a replacement: a cut "[REDAC" reads as damage, not as a removed secret.
  let end = max;
  const open = clean.lastIndexOf("[", end);
  if (open !== -1 && clean.startsWith(REDACTED, open) && open + REDACTED.length > end) end = open;
  return `${clean.slice(0, end)}${marker}`;
}
