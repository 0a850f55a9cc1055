import type { DatabaseDialect } from '@know-foolery/shared/database';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import { createTestDatabase, type TestDatabase, testAuth } from '@know-foolery/shared/testing';
import { systemClock } from '@know-foolery/shared/utils';
import { buildApp } from '../src/app.js';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';

export const auth = testAuth();

export interface QuestionServiceHarness {
  readonly app: ServiceApp;
  readonly database: TestDatabase<QuestionDatabase>;
  close(): Promise<void>;
}

/** The app on a fresh database of the dialect, ready for `inject`; `random` pins where draws start. */
export async function startQuestionApp(
  dialect: DatabaseDialect,
  random?: () => number,
): Promise<QuestionServiceHarness> {
  const database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
  const app = buildApp({
    version: 'test',
    auth: auth.provider,
    database,
    clock: systemClock,
    ...(random === undefined ? {} : { random }),
  });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
