import { createTestDatabase, type TestDatabase, testAuth, testDialects } from '@know-foolery/shared/testing';
import { systemClock } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { IMPORT_FILE_LIMIT_BYTES } from '../src/contract/index.js';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { LISTED_IN_REPORT } from '../src/import/parse-summary.js';

const auth = testAuth();

/** As many rejected blocks as the largest file holds: one valid question, then "#Q" lines (empty questions). */
const HEADER = '#Q Deepest ocean?\n^ Pacific\n';
const EMPTY_BLOCKS = Math.floor((IMPORT_FILE_LIMIT_BYTES - HEADER.length) / 3);
const LARGEST = `${HEADER}${'#Q\n'.repeat(EMPTY_BLOCKS)}`;

describe.each(testDialects())('an import as large as the limit on %s', (dialect) => {
  let database: TestDatabase<QuestionDatabase>;
  let app: ReturnType<typeof buildApp>;
  let admin: string;

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
    app = buildApp({ version: 'test', auth: auth.provider, database, clock: systemClock });
    await app.ready();
    admin = await auth.bearer('admin-1', ['admin']);
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const expected = {
    read: EMPTY_BLOCKS + 1,
    rejected: EMPTY_BLOCKS,
    rejectedByReason: { empty_question: EMPTY_BLOCKS },
    rejectionsOmitted: EMPTY_BLOCKS - LISTED_IN_REPORT,
  };

  it(`answers an upload of ${EMPTY_BLOCKS} rejected blocks with the count and the first ${LISTED_IN_REPORT}`, async () => {
    expect(LARGEST.length).toBeLessThanOrEqual(IMPORT_FILE_LIMIT_BYTES);
    const response = await app.inject({
      method: 'POST',
      url: '/internal/questions/import/upload',
      headers: { authorization: admin },
      payload: { fileName: 'oceans', contentBase64: Buffer.from(LARGEST).toString('base64') },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...expected, imported: 1 });
    expect(response.json().rejections).toHaveLength(LISTED_IN_REPORT);
  });

  it('answers the same document sent as text alike', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/internal/questions/import',
      headers: { authorization: admin },
      payload: { format: 'opentriviaqa', fileName: 'oceans', content: LARGEST },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...expected, duplicates: 1 });
  });
});
