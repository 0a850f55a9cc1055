import { isDifficulty, isValidTheme, LIMITS, normalizeTheme } from '../domain/question-rules.js';
import { excerptOf, type ParsedQuestion, type ParseResult, type RejectedBlock } from './parsed-question.js';

class EntryError extends Error {}

function text(entry: Record<string, unknown>, name: string, max: number): string | null {
  const value = entry[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new EntryError(`"${name}" must be a string`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw new EntryError(`"${name}" is longer than ${max} characters`);
  return trimmed === '' ? null : trimmed;
}

function requiredText(entry: Record<string, unknown>, name: string, max: number): string {
  const value = text(entry, name, max);
  if (value === null) throw new EntryError(`"${name}" is required`);
  return value;
}

function toQuestion(entry: unknown, file: string, position: number): ParsedQuestion {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw new EntryError('an entry must be an object');
  const record = entry as Record<string, unknown>;
  const theme = normalizeTheme(requiredText(record, 'theme', LIMITS.theme));
  if (!isValidTheme(theme)) throw new EntryError('"theme" must be letters, digits and dashes');
  const difficulty = record.difficulty;
  if (difficulty !== undefined && !isDifficulty(difficulty))
    throw new EntryError('"difficulty" must be easy, medium or hard');
  return {
    theme,
    text: requiredText(record, 'text', LIMITS.text),
    answer: requiredText(record, 'answer', LIMITS.answer),
    hint: text(record, 'hint', LIMITS.hint),
    ...(difficulty === undefined ? {} : { difficulty }),
    source: { file, line: position },
  };
}

/** A JSON list of `{theme, text, answer, hint?, difficulty?}`; a rejection's `line` is the entry's position (index + 1). */
export function parseJsonQuestions(text: string, file: string): ParseResult {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    return {
      questions: [],
      rejected: [{ reason: 'invalid_json', file, line: 1, excerpt: excerptOf(message) }],
      blocksRead: 1,
    };
  }
  if (!Array.isArray(entries)) {
    return {
      questions: [],
      rejected: [
        { reason: 'invalid_json', file, line: 1, excerpt: 'the document must be a JSON array of questions' },
      ],
      blocksRead: 1,
    };
  }
  const questions: ParsedQuestion[] = [];
  const rejected: RejectedBlock[] = [];
  entries.forEach((entry, index) => {
    try {
      questions.push(toQuestion(entry, file, index + 1));
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      rejected.push({ reason: 'invalid_entry', file, line: index + 1, excerpt: error.message });
    }
  });
  return { questions, rejected, blocksRead: entries.length };
}
