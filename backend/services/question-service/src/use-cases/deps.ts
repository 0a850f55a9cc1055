import { badRequest } from '@know-foolery/shared/errors';
import type { Clock } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import { QuestionErrorCode } from '../contract/error-codes.js';
import type { QuestionCache } from '../data/question-cache.js';
import type { QuestionDatabase } from '../data/schema.js';
import { isValidTheme, normalizeTheme } from '../domain/question-rules.js';

export interface QuestionDeps {
  readonly db: Kysely<QuestionDatabase>;
  readonly clock: Clock;
  readonly random: () => number;
  readonly cache: QuestionCache;
}

export function themeOrReject(raw: string): string {
  const theme = normalizeTheme(raw);
  if (!isValidTheme(theme))
    throw badRequest(
      `"${raw}" is not a theme: use letters, digits and dashes`,
      QuestionErrorCode.invalidTheme,
    );
  return theme;
}
