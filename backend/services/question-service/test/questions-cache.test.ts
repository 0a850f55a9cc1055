import { createCache, type PlatformCache } from '@know-foolery/shared/cache';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import { createMetricsRegistry, type MetricsRegistry } from '@know-foolery/shared/observability';
import { createTestDatabase, metricSum, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import { systemClock } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { auth } from './app-harness.js';

/** One instance of the service: its own app and its own cache, on the database they share. */
interface Instance {
  readonly app: ServiceApp;
  readonly cache: PlatformCache;
  readonly metrics: MetricsRegistry;
}

describe.each(testDialects())('the question cache on %s', (dialect) => {
  let database: TestDatabase<QuestionDatabase>;
  const instances: Instance[] = [];
  let admin: string;
  let game: string;
  let theme: string;

  /**
   * Memory-only caches that never hear of each other: the worst a lost bus message can do, for as
   * long as the first level keeps a value.
   */
  async function instance(): Promise<Instance> {
    const metrics = createMetricsRegistry();
    const cache = createCache({ name: 'questions', metrics });
    const app = buildApp({ version: 'test', auth: auth.provider, database, clock: systemClock, cache });
    await app.ready();
    const created = { app, cache, metrics };
    instances.push(created);
    return created;
  }

  const call = (
    on: Instance,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    token: string,
    payload?: object,
  ) =>
    on.app.inject({
      method,
      url,
      headers: { authorization: token },
      ...(payload === undefined ? {} : { payload }),
    });

  const create = async (on: Instance, text: string) => {
    const response = await call(on, 'POST', '/internal/questions', admin, { theme, text, answer: text });
    expect(response.statusCode).toBe(201);
    const id: string = response.json().id;
    return id;
  };

  /** Every question a game would be served from the theme, drawing until the pool is used up. */
  const drawAll = async (on: Instance): Promise<string[]> => {
    const drawn: string[] = [];
    for (;;) {
      const response = await call(on, 'POST', '/internal/questions/draw', game, { theme, excludeIds: drawn });
      if (response.statusCode === 404) return drawn;
      expect(response.statusCode).toBe(200);
      drawn.push(response.json().question.id);
    }
  };

  const available = async (on: Instance) =>
    (await call(on, 'GET', `/internal/questions/pool?theme=${theme}`, game)).json().available;

  const themeCount = async (on: Instance) => {
    const response = await on.app.inject({ method: 'GET', url: '/api/v1/themes' });
    return response.json().items.find((item: { theme: string }) => item.theme === theme)?.questionCount;
  };

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
    [admin, game] = await Promise.all([
      auth.bearer('admin-1', ['admin']),
      auth.bearer('service:game', ['service']),
    ]);
  });

  beforeEach((context) => {
    theme = `cache-${context.task.id.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  });

  afterAll(async () => {
    for (const { app, cache } of instances) {
      await app.close();
      await cache.close();
    }
    await database.dispose();
  });

  it('never draws a question deactivated before the draw, though the pool was cached with it', async () => {
    const [a, b] = [await instance(), await instance()];
    const ids = [await create(a, 'First?'), await create(a, 'Second?'), await create(a, 'Third?')];
    expect((await drawAll(b)).sort()).toEqual([...ids].sort());
    const [removed] = ids;
    const deactivated = await call(a, 'PATCH', `/internal/questions/${removed}`, admin, { isActive: false });
    expect(deactivated.statusCode).toBe(200);
    for (let round = 0; round < 5; round += 1) {
      const drawn = await drawAll(b);
      expect(drawn).not.toContain(removed);
      expect(drawn).toHaveLength(2);
    }
    expect(await metricSum(b.metrics, 'cache_lookups_total', { level: 'l1', result: 'hit' })).toBeGreaterThan(
      0,
    );
  });

  it('draws a question added after the pool was cached once the cached pool is used up, never ending a game early', async () => {
    const [a, b] = [await instance(), await instance()];
    const first = await create(a, 'Early?');
    expect(await drawAll(b)).toEqual([first]);
    const added = await create(a, 'Late?');
    expect((await drawAll(b)).sort()).toEqual([first, added].sort());
  });

  it('counts and lists what an edit, a deactivation and an import changed, on the instance that made them', async () => {
    const a = await instance();
    await create(a, 'One?');
    const two = await create(a, 'Two?');
    expect([await available(a), await themeCount(a)]).toEqual([2, 2]);
    await call(a, 'PATCH', `/internal/questions/${two}`, admin, { isActive: false });
    expect([await available(a), await themeCount(a)]).toEqual([1, 1]);
    await call(a, 'PATCH', `/internal/questions/${two}`, admin, { isActive: true, theme: `${theme}-moved` });
    expect([await available(a), await themeCount(a)]).toEqual([1, 1]);
    const imported = await call(a, 'POST', '/internal/questions/import', admin, {
      format: 'json',
      fileName: 'more.json',
      content: JSON.stringify([{ theme, text: 'Imported?', answer: 'Yes' }]),
    });
    expect(imported.json()).toMatchObject({ imported: 1 });
    expect([await available(a), await themeCount(a)]).toEqual([2, 2]);
  });

  it('never draws a question moved to another theme from its old theme, though cached there', async () => {
    const [a, b] = [await instance(), await instance()];
    const stays = await create(a, 'Stays?');
    const moves = await create(a, 'Moves?');
    expect((await drawAll(b)).sort()).toEqual([stays, moves].sort());
    await call(a, 'PATCH', `/internal/questions/${moves}`, admin, { theme: `${theme}-elsewhere` });
    expect(await drawAll(b)).toEqual([stays]);
  });
});
