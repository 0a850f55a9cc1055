import { readFileSync } from 'node:fs';
import { newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import { type ImportedQuestion, insertQuestionsSkippingDuplicates } from '../src/data/import-repository.js';
import type { QuestionDatabase } from '../src/data/schema.js';

let sequence = 0;

export function questionInput(overrides: Partial<ImportedQuestion> = {}): ImportedQuestion {
  sequence += 1;
  return {
    theme: 'general',
    text: `Factory question ${sequence}?`,
    answer: `answer ${sequence}`,
    alternatives: [],
    hint: null,
    difficulty: 'medium',
    kind: 'free_text',
    ...overrides,
  };
}

/** Writes through the importer's repository: a question with a review reason goes in inactive. */
export async function insertQuestions(
  db: Kysely<QuestionDatabase>,
  count: number,
  overrides: Partial<ImportedQuestion> = {},
): Promise<void> {
  const rows = Array.from({ length: count }, () => ({ id: newId(), question: questionInput(overrides) }));
  await insertQuestionsSkippingDuplicates(db, rows, new Date());
}

export const FIXTURE_FILE = new URL('./fixtures/questions.json', import.meta.url);
export const fixtureJson = () => readFileSync(FIXTURE_FILE, 'utf8');
