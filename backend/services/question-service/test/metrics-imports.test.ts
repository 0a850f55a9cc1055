import { createMetricsRegistry } from '@know-foolery/shared/observability';
import {
  createTestDatabase,
  scrapedValue,
  type TestDatabase,
  testDialects,
} from '@know-foolery/shared/testing';
import { systemClock } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { auth } from './app-harness.js';
import { fixtureJson } from './factories.js';

describe.each(testDialects())('question-service counts imports by outcome on %s', (dialect) => {
  const registry = createMetricsRegistry();
  let database: TestDatabase<QuestionDatabase>;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
    app = buildApp({ version: 'test', auth: auth.provider, database, clock: systemClock, metrics: registry });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const post = async (url: string, payload: object) =>
    (
      await app.inject({
        method: 'POST',
        url,
        headers: { authorization: await auth.bearer('curator', ['admin']) },
        payload,
      })
    ).statusCode;

  it('counts completed, rejected and failed imports, each from zero', async () => {
    for (const outcome of ['completed', 'rejected', 'failed']) {
      expect(await scrapedValue(registry, `question_imports_total{outcome="${outcome}"}`)).toBe(0);
    }
    const text = { format: 'json', fileName: 'fixture.json', content: fixtureJson() };
    expect(await post('/internal/questions/import', text)).toBe(200);
    expect(await post('/internal/questions/import', text)).toBe(200);
    const withNul = Buffer.from('#Q one\0\n').toString('base64');
    expect(
      await post('/internal/questions/import/upload', { fileName: 'chemistry', contentBase64: withNul }),
    ).toBe(400);
    expect(
      await post('/internal/questions/import/upload', {
        fileName: 'chemistry',
        contentBase64: 'not base64!',
      }),
    ).toBe(400);
    // With the database gone, the import fails on the service's side.
    await database.close();
    expect(await post('/internal/questions/import', text)).toBe(500);

    expect(await scrapedValue(registry, 'question_imports_total{outcome="completed"}')).toBe(2);
    expect(await scrapedValue(registry, 'question_imports_total{outcome="rejected"}')).toBe(2);
    expect(await scrapedValue(registry, 'question_imports_total{outcome="failed"}')).toBe(1);
  });
});
