// Real webhook payloads from @octokit/webhooks-examples, patched only where a test needs it.
import { createRequire } from "node:module";

interface Definition {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const definitions = require("@octokit/webhooks-examples") as Definition[];

export type Payload = Record<string, unknown>;

/** The first real example of `event` with `action` (or the `index`-th), deep-copied. */
export function examplePayload(event: string, action: string, index = 0): Payload {
  const definition = definitions.find((d) => d.name === event);
  const matches = (definition?.examples ?? []).filter((e) => e.action === action);
  const example = matches[index];
  if (!example) throw new Error(`no example payload for ${event}.${action} #${index}`);
  return structuredClone(example);
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> | T[K] : T[K] };

/** Deep-merges `patch` into a copy of `payload` (arrays and nulls replace). */
export function patchPayload(payload: Payload, patch: DeepPartial<Payload>): Payload {
  const out: Payload = structuredClone(payload);
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? patchPayload(current, value) : structuredClone(value);
  }
  return out;
}

function isObject(value: unknown): value is Payload {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An `issue_comment.created` from the examples, on installation 1, with the given body and sender. */
export function commentPayload(
  body: string,
  options: { sender?: string; senderType?: string; pr?: boolean } = {},
) {
  const login = options.sender ?? "Codertocat";
  const type = options.senderType ?? "User";
  const base = examplePayload("issue_comment", "created");
  const issue = base.issue as Payload;
  return patchPayload(base, {
    installation: { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
    comment: { body, user: { ...((base.comment as Payload).user as Payload), login, type } },
    sender: { ...(base.sender as Payload), login, type },
    issue: options.pr
      ? { ...issue, pull_request: { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" } }
      : issue,
  });
}
