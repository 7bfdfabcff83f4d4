import { redact, redactDeep } from "../core/redact/index.js";
import type { Redactor } from "../core/redact/index.js";
import type { Log } from "./types.js";

/**
 * A logger whose every line passes the redactor: the message and every string in the structured fields.
 * Wrapping the logger once means a call site that logs an error message, a path or a command cannot leak.
 */
export function redactingLog(log: Log, redactor: Pick<Redactor, "redact"> = { redact }): Log {
  const clean = (obj: object): object => {
    // Errors carry their text in non-enumerable fields; flatten them before redacting.
    const flat: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj))
      flat[key] = value instanceof Error ? `${value.name}: ${value.message}` : value;
    return redactDeep(flat, redactor);
  };
  const line = (msg: string | undefined) => (msg === undefined ? undefined : redactor.redact(msg));
  return {
    info: (obj, msg) => log.info(clean(obj), line(msg)),
    warn: (obj, msg) => log.warn(clean(obj), line(msg)),
    error: (obj, msg) => log.error(clean(obj), line(msg)),
  };
}
