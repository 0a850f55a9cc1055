import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import {
  deleteKeys,
  findTestRedis,
  ManualClock,
  testKeyPrefix,
  testRedisConfig,
} from '@know-foolery/shared/testing';
import type { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexKey, ownerKey, userTag } from '../src/data/redis-session-keys.js';
import { RedisTokenRevocations, revocationKey } from '../src/data/redis-token-revocations.js';
import type { SessionPolicy } from '../src/domain/session.js';
import { redisStore } from './redis-store-harness.js';
import { testSession } from './session-store-fixtures.js';

const url = await findTestRedis();
const policy: SessionPolicy = { ttlSeconds: 3_600, maxLifetimeSeconds: 4 * 3_600, maxPerUser: 5 };

/** How many times each command name was issued: the label dashboards and alerts group Redis work by. */
async function commandCounts(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('redis_client_commands_total')?.get();
  const counts: Record<string, number> = {};
  for (const { labels, value } of metric?.values ?? []) counts[String(labels.command)] = value;
  return counts;
}

describe.skipIf(url === null)('the Redis session store, command by command', () => {
  const serverUrl = url ?? '';
  const prefix = testKeyPrefix('store-commands');
  const clock = new ManualClock('2025-03-01T10:00:00.000Z');
  let registry: Registry;
  let redis: RedisClient;

  beforeEach(async () => {
    registry = createMetricsRegistry();
    redis = new RedisClient({
      config: testRedisConfig({ keyPrefix: prefix }),
      url: serverUrl,
      metrics: registry,
    });
    await redis.connect();
  });

  afterEach(async () => {
    await redis.close();
    await deleteKeys(serverUrl, prefix);
  });

  it('records each operation under its own name', async () => {
    const store = redisStore(redis, clock);
    const open = (userId: string) => testSession(userId, { now: clock.now(), policy });
    const first = open('alice');
    await store.add(first, policy.maxPerUser);
    expect(await commandCounts(registry)).toEqual({ 'session-add': 1, 'session-owner': 1 });

    await store.find(first.handle);
    await store.replace({ ...first, lastSeenAt: clock.now() }, first.credentialsVersion);
    const second = open('alice');
    await store.rotate(first.handle, second);
    await store.listByUser('alice');
    await store.remove(second.handle);
    await store.add(open('bob'), policy.maxPerUser);
    await store.removeByUser('bob');
    await store.pruneIndexes();
    await store.ping();
    expect(await commandCounts(registry)).toEqual({
      'session-add': 2,
      'session-find': 1,
      'session-replace': 1,
      'session-rotate': 1,
      'session-list': 1,
      'session-remove': 1,
      'session-remove-user': 1,
      'session-scan': 1,
      'session-ping': 1,
      // add x2, rotate, remove, remove-user: each drops or writes owner keys in one command
      'session-owner': expect.any(Number),
    });
  });

  it('lists without a pruning round trip when no session in the index has ended; the periodic prune asks every index', async () => {
    const store = redisStore(redis, clock);
    await store.add(testSession('carol', { now: clock.now(), policy }), policy.maxPerUser);
    await store.listByUser('carol');
    expect((await commandCounts(registry))['session-prune']).toBeUndefined();
    await store.pruneIndexes();
    const counts = await commandCounts(registry);
    expect(counts['session-index']).toBe(1);
    expect(counts['session-prune']).toBe(1);
  });

  it('prunes a listed user index once a session in it has ended', async () => {
    const store = redisStore(redis, clock);
    const ending = testSession('dave', { now: clock.now(), policy });
    await store.add(ending, policy.maxPerUser);
    clock.advanceSeconds(policy.ttlSeconds + 1);
    expect((await store.listByUser('dave')).map((session) => session.handle)).not.toContain(ending.handle);
    expect((await commandCounts(registry))['session-prune']).toBe(1);
  });

  it('asks nothing more of Redis for a handle nobody owns', async () => {
    const store = redisStore(redis, clock);
    const unknown = testSession('frank', { now: clock.now(), policy }).handle;
    expect(await store.find(unknown)).toBeUndefined();
    expect(await store.remove(unknown)).toBe(false);
    expect(await store.removeByUser('frank')).toBe(0);
    expect(await commandCounts(registry)).toEqual({ 'session-owner': 2, 'session-remove-user': 1 });
  });

  it('drops the owner key of the session a rotation replaced', async () => {
    const store = redisStore(redis, clock);
    const before = testSession('gina', { now: clock.now(), policy });
    await store.add(before, policy.maxPerUser);
    const after = testSession('gina', { now: clock.now(), policy });
    expect(await store.rotate(before.handle, after)).toBe(true);
    const owners = await redis.run('test', (connection) =>
      Promise.all([connection.exists(ownerKey(before.handle)), connection.exists(ownerKey(after.handle))]),
    );
    expect(owners).toEqual([0, 1]);
  });

  it('prunes every ended session of every index, across scan batches, and skips keys that only look like one', async () => {
    const store = redisStore(redis, clock);
    const users = Array.from({ length: 700 }, (_, index) => `user-${index}`);
    for (const user of users)
      await store.add(testSession(user, { now: clock.now(), policy }), policy.maxPerUser);
    for (let extra = 0; extra < 2; extra += 1) {
      await store.add(testSession('user-0', { now: clock.now(), policy }), policy.maxPerUser);
    }
    await redis.run('test', (connection) => connection.zadd('session:{not-a-user-tag}:index', 1, 'x'));
    clock.advanceSeconds(policy.ttlSeconds + 1);
    expect(await store.pruneIndexes()).toBe(users.length + 2);
    expect((await commandCounts(registry))['session-index']).toBe(users.length);
    const left = await redis.run('test', (connection) =>
      Promise.all(users.slice(0, 3).map((user) => connection.exists(indexKey(userTag(user))))),
    );
    expect(left).toEqual([0, 0, 0]);
  });

  it('records revocation marks under their own names, and refuses a mark that is not a time', async () => {
    const revocations = new RedisTokenRevocations({ redis, clock, maxTokenLifetimeSeconds: 3_600 });
    await revocations.revokeBefore('erin', clock.now());
    expect(await revocations.revokedBefore('erin')).toEqual(clock.now());
    expect(await commandCounts(registry)).toEqual({ 'token-revoke': 1, 'token-revocation': 1 });
    for (const stored of [`x${clock.now().getTime()}`, `${clock.now().getTime()}x`]) {
      await redis.run('test', (connection) => connection.set(revocationKey('erin'), stored));
      await expect(revocations.revokedBefore('erin')).rejects.toThrow(
        'a token revocation mark is not a time',
      );
    }
  });
});
