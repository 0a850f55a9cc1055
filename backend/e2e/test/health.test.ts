import { SERVICE_NAMES, type ServiceName } from '@know-foolery/shared/config';
import { startTcpRelay } from '@know-foolery/shared/fault-injection';
import { createEmptyTestDatabase, testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/http.js';
import { type RunningPlatform, startPlatform, startServices } from '../src/platform.js';
import { loadService } from '../src/services.js';

interface HealthReport {
  status: string;
  service: string;
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

/** The services whose configuration names a database: they are the ones a database outage can stop. */
const servicesWithDatabase: ServiceName[] = [];
for (const name of SERVICE_NAMES) {
  if ((await loadService(name)).loadConfig({ NODE_ENV: 'test' }).database !== undefined)
    servicesWithDatabase.push(name);
}

describe.each(testDialects())('the platform on %s', (dialect) => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ dialect });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it.each(SERVICE_NAMES)('%s-service is live and ready, with every check up', async (name) => {
    const client = new ApiClient(platform.urls[name]);
    const live = await client.get<HealthReport>('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', service: `${name}-service` });
    const ready = await client.get<HealthReport>('/health/ready');
    expect(ready.status, ready.text).toBe(200);
    expect(ready.body.status).toBe('ready');
    for (const check of Object.values(ready.body.checks)) expect(check.status).toBe('up');
    if (servicesWithDatabase.includes(name)) expect(ready.body.checks.database).toMatchObject({ dialect });
  });
});

describe.skipIf(!testDialects().includes('postgres'))('a service whose PostgreSQL goes away', () => {
  it('lists the services that keep data', () => {
    expect(servicesWithDatabase).toEqual(expect.arrayContaining(['user', 'question', 'leaderboard', 'game']));
  });

  it.each(servicesWithDatabase)(
    '%s-service answers ready 503 while it is unreachable, 200 again once it is back',
    async (name) => {
      const database = await createEmptyTestDatabase('postgres');
      const server = new URL(database.url);
      const relay = await startTcpRelay({ host: server.hostname, port: Number(server.port || 5432) });
      const throughRelay = new URL(database.url);
      throughRelay.port = String(relay.port);
      const service = await startServices([name], {
        dialect: 'postgres',
        serviceEnv: { [name]: { DATABASE_URL: throughRelay.toString() } },
      });
      const client = new ApiClient(service.urls[name]);
      try {
        expect((await client.get('/health/ready')).status).toBe(200);

        await relay.cut();
        const ready = await client.get<HealthReport>('/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.status).toBe('not_ready');
        expect(ready.body.checks.database?.status).toBe('down');
        expect((await client.get('/health/live')).status).toBe(200);

        await relay.restore();
        expect((await client.get('/health/ready')).status).toBe(200);
      } finally {
        await service.stop();
        await relay.close();
        await database.dispose();
      }
    },
  );

  it.each(servicesWithDatabase)(
    '%s-service refuses to start on a database nobody answers for',
    async (name) => {
      await expect(
        startServices([name], {
          dialect: 'postgres',
          serviceEnv: {
            [name]: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DB_MIGRATE_ON_START: 'false' },
          },
        }),
      ).rejects.toThrow(`${name}-service did not start`);
    },
  );
});
