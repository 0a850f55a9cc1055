import { QUESTION_KINDS, type QuestionKind } from '../domain/rules.js';

/**
 * Lists kept in one text column. The database wrote them, so a value that does not read back is
 * a broken row: it fails loudly instead of being played with half its data.
 */

const isQuestionKind = (value: string): value is QuestionKind =>
  (QUESTION_KINDS as readonly string[]).includes(value);

export function encodeQuestionKinds(kinds: readonly QuestionKind[]): string {
  return kinds.join(',');
}

export function decodeQuestionKinds(stored: string): QuestionKind[] {
  const kinds = stored.split(',');
  if (!kinds.every(isQuestionKind))
    throw new Error(`game_sessions.question_kinds holds "${stored}", not a list of question kinds`);
  return kinds;
}

export function decodeAlternatives(stored: string): string[] {
  const list: unknown = JSON.parse(stored);
  if (!Array.isArray(list) || !list.every((item): item is string => typeof item === 'string'))
    throw new Error('game_questions.alternatives does not hold a JSON list of strings');
  return list;
}
