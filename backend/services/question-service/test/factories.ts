import { readFileSync } from 'node:fs';
import { newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import { insertQuestionsSkippingDuplicates } from '../src/data/question-repository.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import type { NewQuestion } from '../src/domain/question.js';

let sequence = 0;

export function questionInput(overrides: Partial<NewQuestion> = {}): NewQuestion {
  sequence += 1;
  return {
    theme: 'general',
    text: `Factory question ${sequence}?`,
    answer: `answer ${sequence}`,
    hint: null,
    difficulty: 'medium',
    ...overrides,
  };
}

export async function insertQuestions(
  db: Kysely<QuestionDatabase>,
  count: number,
  overrides: Partial<NewQuestion> = {},
): Promise<void> {
  const rows = Array.from({ length: count }, () => ({ id: newId(), question: questionInput(overrides) }));
  await insertQuestionsSkippingDuplicates(db, rows, new Date());
}

export const FIXTURE_FILE = new URL('./fixtures/questions.json', import.meta.url);
export const fixtureJson = () => readFileSync(FIXTURE_FILE, 'utf8');
