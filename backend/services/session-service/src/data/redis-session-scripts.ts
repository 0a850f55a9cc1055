import { RedisScript } from '@know-foolery/shared/redis';

/**
 * The session store's atomic steps. A session key holds `e`, its expiry in epoch ms by the
 * service's clock, so scripts tell active sessions from ended ones exactly as reads do, and `c`,
 * its credentials version, which a replace compares before it writes.
 *
 * Scripts that touch a user's other sessions (add, remove all) name every key in KEYS, as cluster
 * mode needs, so the caller reads the index first and passes a snapshot of its handles; the script
 * answers nil (the caller reads again and retries) when the index holds a handle the snapshot
 * lacks. Every write sets a TTL: a session key lives until its expiry, the index until the latest
 * expiry among its members.
 */

/** Lua shared by the scripts: whether a session key is active, and a TTL that only grows. */
const HELPERS = `
local function active(key, now)
  local expires = tonumber(redis.call('HGET', key, 'e'))
  return expires ~= nil and expires > now
end
local function extend(key, ttl)
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
`;

/** Lua: the index's members with the positions of their keys in the snapshot, or nil when the index moved past it. */
const SNAPSHOT = `${HELPERS}
local function snapshot(index, first)
  local position = {}
  for i = first, #ARGV do position[ARGV[i]] = i - first + 1 end
  local members = redis.call('ZRANGE', index, 0, -1)
  local found = {}
  for i = 1, #members do
    local at = position[members[i]]
    if at == nil then return nil end
    found[i] = at
  end
  return members, found
end
`;

/**
 * KEYS: index, new session, then one key per snapshot handle.
 * ARGV: now, maxPerUser, handle, createdAt, sealed, expiresAt, ttl, credentials version, then the
 * snapshot's handles.
 * Stores the session, drops ended members, ends the oldest active others beyond maxPerUser.
 * Answers the ended handles.
 */
export const ADD_SESSION = new RedisScript(`${SNAPSHOT}
local members, found = snapshot(KEYS[1], 9)
if members == nil then return nil end
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[7])
local others = {}
for i = 1, #members do
  local key = KEYS[2 + found[i]]
  if members[i] ~= ARGV[3] then
    if active(key, now) then
      others[#others + 1] = i
    else
      redis.call('DEL', key)
      redis.call('ZREM', KEYS[1], members[i])
    end
  end
end
redis.call('HSET', KEYS[2], 'v', ARGV[5], 'e', ARGV[6], 'c', ARGV[8])
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
local excess = #others + 1 - tonumber(ARGV[2])
local ended = {}
for n = 1, #others do
  local i = others[n]
  local key = KEYS[2 + found[i]]
  if n <= excess then
    redis.call('DEL', key)
    redis.call('ZREM', KEYS[1], members[i])
    ended[#ended + 1] = members[i]
  else
    ttl = math.max(ttl, redis.call('PTTL', key))
  end
end
redis.call('PEXPIRE', KEYS[1], ttl)
return ended
`);

/**
 * KEYS: session, index. ARGV: now, sealed, expiresAt, ttl, expected credentials version, new one.
 * 1 when the active session still had the expected version and was overwritten. A session stored
 * before versions were kept has none and takes its first one here.
 */
export const REPLACE_SESSION = new RedisScript(`${HELPERS}
if not active(KEYS[1], tonumber(ARGV[1])) then return 0 end
local version = redis.call('HGET', KEYS[1], 'c')
if version and version ~= ARGV[5] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'e', ARGV[3], 'c', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
extend(KEYS[2], tonumber(ARGV[4]))
return 1
`);

/**
 * KEYS: previous session, next session, index. ARGV: now, previous handle, next handle, createdAt,
 * sealed, expiresAt, ttl, credentials version. 1 when the previous session was active and the next
 * one took its place.
 */
export const ROTATE_SESSION = new RedisScript(`${HELPERS}
if not active(KEYS[1], tonumber(ARGV[1])) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('HSET', KEYS[2], 'v', ARGV[5], 'e', ARGV[6], 'c', ARGV[8])
redis.call('PEXPIRE', KEYS[2], ARGV[7])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
extend(KEYS[3], tonumber(ARGV[7]))
return 1
`);

/** KEYS: session, index. ARGV: now, handle. Ends the session; 1 when it was active. */
export const REMOVE_SESSION = new RedisScript(`${HELPERS}
local was = active(KEYS[1], tonumber(ARGV[1]))
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
if was then return 1 end
return 0
`);

/**
 * KEYS: index, then one key per snapshot handle. ARGV: now, then the snapshot's handles.
 * Ends every session of the user and drops the index; answers how many were active.
 */
export const REMOVE_USER_SESSIONS = new RedisScript(`${SNAPSHOT}
local members, found = snapshot(KEYS[1], 2)
if members == nil then return nil end
local now = tonumber(ARGV[1])
local ended = 0
for i = 1, #members do
  local key = KEYS[1 + found[i]]
  if active(key, now) then ended = ended + 1 end
  redis.call('DEL', key)
end
redis.call('DEL', KEYS[1])
return ended
`);

/**
 * KEYS: index, then one key per handle. ARGV: now, then the handles. Drops the given handles whose
 * session has ended (key gone or expired) from the index, and their keys; answers how many.
 */
export const PRUNE_INDEX = new RedisScript(`${HELPERS}
local now = tonumber(ARGV[1])
local pruned = 0
for i = 2, #KEYS do
  if not active(KEYS[i], now) then
    redis.call('DEL', KEYS[i])
    pruned = pruned + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return pruned
`);
