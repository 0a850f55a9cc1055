import { RedisScript } from '@know-foolery/shared/redis';
import { MEMBER_TIME_DIGITS } from './redis-board-keys.js';

/**
 * Keeps each player's best: for every (user id, stored score, member) triple, the player's member
 * is replaced when the new one ranks higher (a lower stored score, or the same score reached
 * earlier), never otherwise, so scores may arrive in any order and twice. Then the data's lifetime
 * is renewed.
 * KEYS: ranks, members. ARGV: data lifetime in ms, then the triples.
 */
export const RECORD_BESTS = new RedisScript(`
local function reached(member) return tonumber(string.sub(member, 1, ${MEMBER_TIME_DIGITS})) end
for i = 2, #ARGV, 3 do
  local user, score, member = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local current = redis.call('HGET', KEYS[2], user)
  local currentScore = current and tonumber(redis.call('ZSCORE', KEYS[1], current))
  if not currentScore
    or score < currentScore
    or (score == currentScore and reached(member) < reached(current)) then
    if current then redis.call('ZREM', KEYS[1], current) end
    redis.call('ZADD', KEYS[1], score, member)
    redis.call('HSET', KEYS[2], user, member)
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 0
`);

/**
 * The top of a complete board as [member, stored score, ...]; nil when the board is not complete.
 * KEYS: complete, ranks. ARGV: how many.
 */
export const READ_TOP = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
`);

/**
 * One player's place on a complete board: {players} without a game, else {players, stored score,
 * players strictly ahead}; nil when the board is not complete. Redis 7.0's ZRANK has no score and
 * counts tie-breaks, so the players ahead are counted by score.
 * KEYS: complete, ranks, members. ARGV: user id.
 */
export const READ_STANDING = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local players = redis.call('ZCARD', KEYS[2])
local member = redis.call('HGET', KEYS[3], ARGV[1])
local score = member and redis.call('ZSCORE', KEYS[2], member)
if not score then return {players} end
return {players, tonumber(score), redis.call('ZCOUNT', KEYS[2], '-inf', '(' .. score)}
`);

/**
 * Claims the rebuild of a board that is not complete: 'complete' when it already is (another
 * instance rebuilt it since it was found missing), 'claimed' when this caller got the lock, 'busy'
 * when another holds it.
 * KEYS: complete, rebuild lock. ARGV: lock token, lock lifetime in ms.
 */
export const CLAIM_REBUILD = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 'complete' end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'claimed' end
return 'busy'
`);

/**
 * Marks a rebuilt board complete for as long as it is trusted, renews its data's lifetime (never
 * shorter than the mark's) and releases the lock if the caller still holds it.
 * KEYS: complete, rebuild lock, ranks, members. ARGV: lock token, trusted ms, data lifetime in ms.
 */
export const COMPLETE_REBUILD = new RedisScript(`
redis.call('PEXPIRE', KEYS[3], ARGV[3])
redis.call('PEXPIRE', KEYS[4], ARGV[3])
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 0
`);

/** Releases the lock of a rebuild that failed, if the caller still holds it. KEYS: lock. ARGV: token. */
export const RELEASE_REBUILD = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
