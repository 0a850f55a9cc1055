import { isRecord } from '@know-foolery/shared/utils';
import { checkAlternatives } from '../domain/alternatives.js';
import { kindOf, needsOptions } from '../domain/question-kinds.js';
import {
  hasLetterOrDigit,
  isDifficulty,
  isValidTheme,
  LIMITS,
  normalizeTheme,
  QUESTION_KINDS,
  type QuestionKind,
} from '../domain/question-rules.js';
import { entryLines, lineOfParseError } from './json-lines.js';
import {
  excerptOf,
  type ImportWarning,
  type ParsedQuestion,
  type ParseResult,
  type RejectedBlock,
} from './parsed-question.js';

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

function alternatives(entry: Record<string, unknown>, answer: string): readonly string[] {
  const value = entry.alternatives;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string'))
    throw new EntryError('"alternatives" must be an array of strings');
  const checked = checkAlternatives(answer, value);
  if (!checked.ok) throw new EntryError(checked.problem);
  return checked.alternatives;
}

function isQuestionKind(value: unknown): value is QuestionKind {
  return QUESTION_KINDS.some((kind) => kind === value);
}

/** The kind the entry states, checked against its answer, or the one its answer gives. */
function kind(entry: Record<string, unknown>, answer: string): QuestionKind {
  const stated = entry.kind;
  if (stated === undefined || stated === null) return kindOf(answer);
  if (!isQuestionKind(stated)) throw new EntryError(`"kind" must be one of ${QUESTION_KINDS.join(', ')}`);
  if (stated === 'true_false' && kindOf(answer) !== 'true_false')
    throw new EntryError('a true_false question must have the answer True or False');
  return stated;
}

interface ReadEntry {
  readonly question: ParsedQuestion;
  readonly warning: string | null;
}

function readEntry(entry: unknown, file: string, line: number): ReadEntry {
  if (!isRecord(entry)) throw new EntryError('an entry must be an object');
  const theme = normalizeTheme(requiredText(entry, 'theme', LIMITS.theme));
  if (!isValidTheme(theme)) throw new EntryError('"theme" must be letters, digits and dashes');
  const difficulty = entry.difficulty;
  if (difficulty !== undefined && !isDifficulty(difficulty))
    throw new EntryError('"difficulty" must be easy, medium or hard');
  const answer = requiredText(entry, 'answer', LIMITS.answer);
  if (!hasLetterOrDigit(answer)) throw new EntryError('"answer" needs a letter or a digit');
  const questionKind = kind(entry, answer);
  const hint = text(entry, 'hint', LIMITS.hint);
  const hintDropped = hint !== null && questionKind === 'true_false';
  return {
    question: {
      theme,
      text: requiredText(entry, 'text', LIMITS.text),
      answer,
      alternatives: alternatives(entry, answer),
      hint: hintDropped ? null : hint,
      kind: questionKind,
      reviewReason: needsOptions(answer) ? 'needs_options' : null,
      ...(difficulty === undefined ? {} : { difficulty }),
      source: { file, line },
    },
    warning: hintDropped ? 'the hint was dropped: a true/false question is played without one' : null,
  };
}

function unreadable(file: string, message: string, line: number): ParseResult {
  return {
    questions: [],
    rejected: [{ reason: 'invalid_json', file, line, excerpt: excerptOf(message) }],
    warnings: [],
    blocksRead: 1,
    skipped: null,
  };
}

/**
 * A JSON list of `{theme, text, answer, alternatives?, hint?, kind?, difficulty?}`; a rejection's
 * `line` is the line of the file its entry starts on. Without `kind` the answer decides it.
 */
export function parseJsonQuestions(text: string, file: string): ParseResult {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    // Stryker disable next-line StringLiteral: JSON.parse throws only Errors
    const message = error instanceof Error ? error.message : 'invalid JSON';
    return unreadable(file, message, lineOfParseError(message, text));
  }
  if (!Array.isArray(entries)) return unreadable(file, 'the document must be a JSON array of questions', 1);
  const lines = entryLines(text);
  const questions: ParsedQuestion[] = [];
  const rejected: RejectedBlock[] = [];
  const warnings: ImportWarning[] = [];
  entries.forEach((entry: unknown, index) => {
    const line = lines[index] ?? 1;
    try {
      const { question, warning } = readEntry(entry, file, line);
      questions.push(question);
      if (warning !== null) warnings.push({ file, line, message: warning });
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      rejected.push({ reason: 'invalid_entry', file, line, excerpt: error.message });
    }
  });
  return { questions, rejected, warnings, blocksRead: entries.length, skipped: null };
}
