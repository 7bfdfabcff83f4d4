// The queue's state changes that must be atomic, as Lua scripts. Each returns plain integers/strings.

/**
 * Whether the job `id`, started for the `starts`-th time by the holder of `token`, still owns its thread:
 * the lock is ours, or it lapsed and nobody started the job since (it is still the thread's head with the
 * same start count) — then the lock is taken back. Returns 1 ours, 2 taken back, 0 lost. With id '' (no
 * job running) only a held lock counts.
 */
const OWNS = `
local function owns(lock, thread, attempts, token, lease, id, starts)
  local holder = redis.call('GET', lock)
  if holder == token then return 1 end
  if holder or id == '' then return 0 end
  if redis.call('LINDEX', thread, 0) ~= id then return 0 end
  if redis.call('HGET', attempts, id) ~= starts then return 0 end
  redis.call('SET', lock, token, 'PX', lease)
  return 2
end
`;

/**
 * Accept a job: drop it when its id was seen; otherwise store it, append it to its thread and return a
 * fresh wake-up number (> 0). KEYS: seen, payloads, thread, threads, wakes. ARGV: id, json, ttl, thread.
 */
export const PUSH = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[4])
return redis.call('INCR', KEYS[5])
`;

/**
 * Try to take a thread. KEYS: thread, lock, after. ARGV: token, lease ms, now.
 * Returns {0} nothing waiting, {1, ms} held by another worker for ms more, {2, at} backing off until at,
 * {3} taken.
 */
export const ACQUIRE = `
if redis.call('LLEN', KEYS[1]) == 0 then return {0} end
local after = tonumber(redis.call('GET', KEYS[3]) or '0')
if after > tonumber(ARGV[3]) then return {2, after} end
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('PTTL', KEYS[2])}
end
return {3}
`;

/**
 * The thread's head job, counted as one more start. KEYS: thread, payloads, attempts, lock, counters.
 * ARGV: token. Returns {} when the lock is no longer ours, {id, json|false, starts} otherwise ({} too when
 * empty).
 */
export const HEAD = `
if redis.call('GET', KEYS[4]) ~= ARGV[1] then return {} end
local id = redis.call('LINDEX', KEYS[1], 0)
if not id then return {} end
local starts = redis.call('HINCRBY', KEYS[3], id, 1)
if starts > 1 then redis.call('HINCRBY', KEYS[5], 'restarts', 1) end
return {id, redis.call('HGET', KEYS[2], id), starts}
`;

/**
 * The head job finished (whatever its outcome): remove it; release the thread when it is empty, or keep
 * the lock for the next job. A job given up leaves a record (ARGV[5], '' for none) in the capped failed
 * list and counts in the failed total. KEYS: thread, payloads, attempts, lock, threads, after, failed,
 * failed count. ARGV: token, id, lease ms, thread, record, starts. Returns 0 when the job was lost
 * (someone else took it over), 1 released, 2 more to do.
 */
export const FINISH = `${OWNS}
if owns(KEYS[4], KEYS[1], KEYS[3], ARGV[1], ARGV[3], ARGV[2], ARGV[6]) == 0 then return 0 end
if redis.call('LINDEX', KEYS[1], 0) == ARGV[2] then
  redis.call('LPOP', KEYS[1])
  redis.call('HDEL', KEYS[2], ARGV[2])
  redis.call('HDEL', KEYS[3], ARGV[2])
  redis.call('DEL', KEYS[6])
  if ARGV[5] ~= '' then
    redis.call('LPUSH', KEYS[7], ARGV[5])
    redis.call('LTRIM', KEYS[7], 0, 999)
    redis.call('INCR', KEYS[8])
  end
end
if redis.call('LLEN', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[4])
  redis.call('SREM', KEYS[5], ARGV[4])
  return 1
end
redis.call('PEXPIRE', KEYS[4], ARGV[3])
return 2
`;

/**
 * The fence, also run as the periodic renewal: extend the lease when the running job still owns its
 * thread (see OWNS), counting lapses taken back. KEYS: lock, thread, attempts, counters. ARGV: token,
 * lease ms, job id ('' between jobs), starts. Returns 1 ours, 2 taken back, 0 lost.
 */
export const FENCE = `${OWNS}
local owned = owns(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
if owned == 0 then return 0 end
if owned == 2 then redis.call('HINCRBY', KEYS[4], 'lease-taken-back', 1) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return owned
`;

/**
 * Give the thread back without finishing its head: for a retry after a passing failure (ARGV[2] > 0 sets
 * the backoff) or a worker shutting down (0). KEYS: lock, after. ARGV: token, not-before epoch ms.
 */
export const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[2], ARGV[2], 'PX', 3600000) end
redis.call('DEL', KEYS[1])
return 1
`;

/**
 * Threads with waiting jobs that nobody holds and that are not backing off: their wake-up was lost (a
 * server died between storing a job and queueing its wake-up, or Redis lost the last second of writes).
 * KEYS: threads. ARGV: key prefix, now, cursor. Returns {next cursor, {thread…}}.
 */
export const STRANDED = `
local page = redis.call('SSCAN', KEYS[1], ARGV[3], 'COUNT', 200)
local out = {}
for _, t in ipairs(page[2]) do
  if redis.call('LLEN', ARGV[1] .. ':thread:' .. t) == 0 then
    redis.call('SREM', KEYS[1], t)
  elseif redis.call('EXISTS', ARGV[1] .. ':lock:' .. t) == 0 then
    local after = tonumber(redis.call('GET', ARGV[1] .. ':after:' .. t) or '0')
    if after <= tonumber(ARGV[2]) then table.insert(out, t) end
  end
end
return {page[1], out}
`;
