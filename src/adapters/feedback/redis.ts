import { FeedbackEventSchema, type FeedbackEvent } from "../../core/lessons/index.js";
import { connectRedis, runScript, within, type RedisClient } from "../../jobs/redis/client.js";
import { MAX_EVENTS_PER_REPO, type FeedbackStore } from "./types.js";

export interface RedisStoreOptions {
  url: string;
  /**
   * Namespace of the keys; the queue's prefix by default. Its braces are a Redis Cluster hash tag, so the
   * two keys the record script touches always share a slot.
   */
  prefix: string;
  /** How long one command may wait for Redis before the job hears a clear error (default 10 s). */
  timeoutMs?: number;
  /** Events kept per repository, the oldest dropped first (default MAX_EVENTS_PER_REPO). */
  maxEvents?: number;
  onCorrupt?: (repo: string, line: string) => void;
  onError?: (error: Error) => void;
}

/**
 * Adds the event unless its key was seen: one atomic script, so redeliveries handled by two replicas at the
 * same moment still record once. Keys stay in the set after their event is trimmed from the list, so an
 * old delivery arriving late is still recognised.
 */
const RECORD = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
return 1
`;

/**
 * The shared store for multi-replica setups: per repository a set of recorded keys and a list of event
 * JSON in arrival order. Connects on first use, so building it costs nothing when no event comes.
 */
export function createRedisFeedbackStore(options: RedisStoreOptions): FeedbackStore {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxEvents = options.maxEvents ?? MAX_EVENTS_PER_REPO;
  let client: Promise<RedisClient> | null = null;
  const connect = () => {
    client ??= connectRedis(options.url, "devops-agent:feedback", options.onError ?? (() => undefined));
    client.catch(() => (client = null));
    return client;
  };
  const keysOf = (repo: string) => {
    const name = repo.toLowerCase();
    return {
      seen: `${options.prefix}:feedback:${name}:keys`,
      events: `${options.prefix}:feedback:${name}:events`,
    };
  };

  return {
    kind: "redis",
    async record(event) {
      const valid = FeedbackEventSchema.parse({ ...event, repo: event.repo.toLowerCase() });
      const keys = keysOf(valid.repo);
      const redis = await connect();
      const added = await within(
        timeoutMs,
        `feedback store: record ${valid.kind} for ${valid.repo}`,
        runScript(redis, RECORD, [keys.seen, keys.events], [valid.key, JSON.stringify(valid), maxEvents]),
      );
      return added === 1;
    },
    async list(repo) {
      const redis = await connect();
      const lines = await within(
        timeoutMs,
        `feedback store: list ${repo.toLowerCase()}`,
        redis.lrange(keysOf(repo).events, 0, -1),
      );
      const out: FeedbackEvent[] = [];
      for (const line of lines) {
        const parsed = parseLine(line);
        if (parsed) out.push(parsed);
        else options.onCorrupt?.(repo.toLowerCase(), line.slice(0, 200));
      }
      return out;
    },
    async close() {
      const open = client;
      client = null;
      if (!open) return;
      // Every command was awaited by its caller, so nothing is lost by dropping the connection at once.
      (await open.catch(() => null))?.disconnect();
    },
  };
}

function parseLine(line: string): FeedbackEvent | null {
  try {
    const parsed = FeedbackEventSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
