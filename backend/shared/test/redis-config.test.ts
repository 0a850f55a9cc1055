import { describe, expect, it } from 'vitest';
import { describeRedisUrl, type EnvSource, readRedisConfig } from '../src/config/index.js';
import { isServerFailure, reconnectDelayMs, taggedKey } from '../src/redis/index.js';
import { configProblems, readWhole } from './config-reading.js';

const read = (source: EnvSource) => readWhole(readRedisConfig, source);
const problemsOf = (source: EnvSource) => configProblems(() => read(source));

describe('the Redis configuration', () => {
  it('is off without REDIS_URL, with the documented defaults', () => {
    expect(read({})).toMatchObject({
      url: null,
      mode: 'single',
      keyPrefix: 'kf:',
      sentinelMaster: 'mymaster',
    });
  });

  it('reads every mode, its addresses and the timeouts', () => {
    expect(
      read({
        REDIS_URL: 'rediss://app:s3cret@redis.internal:6380/2',
        REDIS_MODE: 'sentinel',
        REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380,[::1]:26381',
        REDIS_SENTINEL_MASTER: 'kf-primary',
        REDIS_KEY_PREFIX: 'staging:',
        REDIS_COMMAND_TIMEOUT_MS: '250',
      }),
    ).toMatchObject({
      url: 'rediss://app:s3cret@redis.internal:6380/2',
      mode: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-b', port: 26380 },
        { host: '::1', port: 26381 },
      ],
      sentinelMaster: 'kf-primary',
      keyPrefix: 'staging:',
      commandTimeoutMs: 250,
    });
    expect(
      read({ REDIS_URL: 'redis://127.0.0.1', REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: '127.0.0.1:7000' }),
    ).toMatchObject({ mode: 'cluster', clusterNodes: [{ host: '127.0.0.1', port: 7000 }] });
  });

  it('names every bad value, and never repeats a password', () => {
    const problems = problemsOf({
      REDIS_URL: 'http://user:hunter2hunter2@redis:6379',
      REDIS_MODE: 'replicated',
      REDIS_SENTINELS: 'redis-a',
      REDIS_KEY_PREFIX: 'has space',
      REDIS_RECONNECT_BASE_MS: '5000',
      REDIS_RECONNECT_MAX_MS: '100',
    });
    expect(problems).toEqual([
      'REDIS_URL: expected a redis:// or rediss:// URL',
      'REDIS_MODE: expected one of single, sentinel, cluster, got "replicated"',
      'REDIS_SENTINELS: expected a comma-separated list of host:port, got "redis-a"',
      'REDIS_RECONNECT_BASE_MS: must be at most REDIS_RECONNECT_MAX_MS (100), got 5000',
      expect.stringMatching(/^REDIS_KEY_PREFIX: expected letters/),
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('requires the addresses the mode needs', () => {
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1', REDIS_MODE: 'sentinel' })).toEqual([
      'REDIS_SENTINELS: is required when REDIS_MODE=sentinel',
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1', REDIS_MODE: 'cluster' })).toEqual([
      'REDIS_CLUSTER_NODES: is required when REDIS_MODE=cluster',
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1/orders' })).toEqual([
      'REDIS_URL: expected a database number as the path, got "/orders"',
    ]);
  });

  it('describes a URL without its password', () => {
    expect(describeRedisUrl('rediss://app:s3cret@redis.internal:6380/2')).toBe(
      'rediss://app:***@redis.internal:6380/2',
    );
    expect(describeRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('reconnect backoff', () => {
  it('grows exponentially to its cap, and jitters below it', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 10].map((attempt) => reconnectDelayMs(attempt, 50, 300, top))).toEqual([
      50, 100, 200, 300, 300,
    ]);
    expect(reconnectDelayMs(4, 50, 300, () => 0.5)).toBe(150);
    expect(reconnectDelayMs(4, 50, 300, () => 0)).toBe(1);
  });
});

describe('hash tags', () => {
  it('put keys that belong together into one cluster slot', () => {
    expect(taggedKey('user:42', 'sessions')).toBe('{user:42}:sessions');
    expect(() => taggedKey('a{b}')).toThrow(/no braces/);
    expect(() => taggedKey('')).toThrow(/non-empty/);
  });
});

describe('which failures the breaker counts', () => {
  const reply = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

  it('counts lost connections, timeouts and replies that mean the server cannot serve', () => {
    expect(isServerFailure(new Error('Connection is closed.'))).toBe(true);
    expect(isServerFailure(new Error('Command timed out'))).toBe(true);
    expect(isServerFailure(reply("READONLY You can't write against a read only replica."))).toBe(true);
    expect(isServerFailure(reply('CLUSTERDOWN The cluster is down'))).toBe(true);
  });

  it("leaves the caller's mistakes alone", () => {
    expect(isServerFailure(reply('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(
      false,
    );
    expect(isServerFailure(reply("CROSSSLOT Keys in request don't hash to the same slot"))).toBe(false);
    expect(
      isServerFailure(new Error('All the keys in a pipeline command should belong to the same slot')),
    ).toBe(false);
    expect(isServerFailure('not an error')).toBe(false);
  });
});
