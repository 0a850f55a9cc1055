import { primaryServers, type RedisClient, type RedisServerConnection } from '@know-foolery/shared/redis';

export interface KeyFacts {
  /** The key after the platform's prefix. */
  readonly key: string;
  readonly bytes: number;
  /** Milliseconds left, or null for a key that never expires. */
  readonly ttlMs: number | null;
}

export interface KeyGroup {
  /** The key's first segment (a `{hash tag}` counts as one): `rate-limit`, `session`. */
  readonly group: string;
  readonly keys: number;
  readonly bytes: number;
  readonly withoutTtl: number;
  readonly minTtlMs: number | null;
  readonly maxTtlMs: number | null;
}

const SCAN_BATCH = 500;

export function groupOf(key: string): string {
  const tagged = /^\{[^}]*\}/.exec(key);
  if (tagged !== null) return tagged[0];
  const end = key.indexOf(':');
  return end === -1 ? key : key.slice(0, end);
}

export function summarize(facts: readonly KeyFacts[]): KeyGroup[] {
  const groups = new Map<string, KeyFacts[]>();
  for (const fact of facts) {
    const group = groupOf(fact.key);
    groups.set(group, [...(groups.get(group) ?? []), fact]);
  }
  return [...groups.entries()]
    .map(([group, members]) => {
      const ttls = members.flatMap((member) => (member.ttlMs === null ? [] : [member.ttlMs]));
      return {
        group,
        keys: members.length,
        bytes: members.reduce((total, member) => total + member.bytes, 0),
        withoutTtl: members.length - ttls.length,
        minTtlMs: ttls.length === 0 ? null : Math.min(...ttls),
        maxTtlMs: ttls.length === 0 ? null : Math.max(...ttls),
      };
    })
    .sort((left, right) => left.group.localeCompare(right.group));
}

/** Every key under `prefix` on one server; `node` adds its own `keyPrefix` to the keys it is given. */
async function factsOf(node: RedisServerConnection, prefix: string): Promise<KeyFacts[]> {
  const ownPrefix = typeof node.options.keyPrefix === 'string' ? node.options.keyPrefix : '';
  const facts: KeyFacts[] = [];
  let cursor = '0';
  do {
    const [next, found] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', SCAN_BATCH);
    cursor = next;
    // SCAN answers whole keys and ioredis adds the connection's prefix to PTTL's key, though not
    // to MEMORY USAGE's (it knows no key position for it).
    const replies = await Promise.all(
      found.map((key) => Promise.all([node.memory('USAGE', key), node.pttl(key.slice(ownPrefix.length))])),
    );
    replies.forEach(([bytes, ttl], index) => {
      facts.push({
        key: (found[index] ?? '').slice(prefix.length),
        bytes: bytes ?? 0,
        ttlMs: ttl >= 0 ? ttl : null,
      });
    });
  } while (cursor !== '0');
  return facts;
}

/** The platform's keys under `prefix`, across every master of a cluster. */
export async function inspectKeys(redis: RedisClient, prefix: string): Promise<KeyGroup[]> {
  const facts = await redis.run('inspect', async (connection) => {
    const servers = primaryServers(connection);
    return (await Promise.all(servers.map((server) => factsOf(server, prefix)))).flat();
  });
  return summarize(facts);
}

export function formatGroups(groups: readonly KeyGroup[]): string {
  const seconds = (ms: number | null) => (ms === null ? '-' : String(Math.round(ms / 1000)));
  const rows = groups.map((group) =>
    [
      group.group.padEnd(24),
      String(group.keys).padStart(8),
      String(group.bytes).padStart(12),
      String(group.withoutTtl).padStart(10),
      seconds(group.minTtlMs).padStart(10),
      seconds(group.maxTtlMs).padStart(10),
    ].join(' '),
  );
  const header = ['group'.padEnd(24), 'keys', 'bytes', 'no TTL', 'min TTL s', 'max TTL s']
    .map((title, index) => (index === 0 ? title : title.padStart(index === 2 ? 12 : index === 1 ? 8 : 10)))
    .join(' ');
  const withoutTtl = groups.reduce((total, group) => total + group.withoutTtl, 0);
  const warning =
    withoutTtl === 0
      ? []
      : [
          `\n${withoutTtl} ${withoutTtl === 1 ? 'key has' : 'keys have'} no TTL: every platform key should expire.`,
        ];
  return [header, ...rows, ...warning].join('\n');
}
