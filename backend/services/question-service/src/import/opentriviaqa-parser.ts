import { kindOf, needsOptions } from '../domain/question-kinds.js';
import { contentKey, hasLetterOrDigit, LIMITS } from '../domain/question-rules.js';
import { excerptOf, type ParsedQuestion, type ParseResult, type RejectedBlock } from './parsed-question.js';
import { splitLines } from './text-decoding.js';

/*
 * Markers are read at the very start of a line, never after trimming it. In the data set the only
 * indented lines (43 of them) are verses and lyrics quoted inside a question's text, and no `#Q`,
 * `^` or option line is indented; so an indented line such as " A Buddhist and a Baptist" continues
 * what comes before it instead of starting an option.
 */
const QUESTION_LINE = /^#Q\s?(.*)$/;
const ANSWER_LINE = /^\^\s?(.*)$/;
/** A capital letter, then whitespace and the option; the letter alone ("C", "C ") is an empty option. */
const OPTION_LINE = /^[A-Z](?:\s(.*))?$/;

export const NOT_OPENTRIVIAQA = 'no line starts with #Q: not an OpenTriviaQA question file';

interface Block {
  readonly line: number;
  readonly textLines: string[];
  readonly answers: string[];
  readonly options: string[];
}

interface Source {
  readonly file: string;
  readonly theme: string;
}

function hintFromOptions(options: readonly string[]): string | null {
  return options.length < 2 ? null : `One of: ${options.join(', ')}`;
}

function judge(block: Block, source: Source): ParsedQuestion | RejectedBlock {
  const text = block.textLines.join(' ').replace(/\s+/g, ' ').trim();
  const [firstAnswer] = block.answers;
  const reject = (reason: RejectedBlock['reason']): RejectedBlock => ({
    reason,
    file: source.file,
    line: block.line,
    excerpt: excerptOf(text === '' ? (firstAnswer ?? '') : text),
  });
  if (text === '') return reject('empty_question');
  if (firstAnswer === undefined) return reject('missing_answer');
  if (block.answers.length > 1) return reject('multiple_answers');
  const answer = firstAnswer.trim();
  if (!hasLetterOrDigit(answer)) return reject('empty_answer');
  if (text.length > LIMITS.text) return reject('question_too_long');
  if (answer.length > LIMITS.answer) return reject('answer_too_long');
  const options = block.options.map((option) => option.trim()).filter((option) => option !== '');
  if (options.length > 0 && !options.some((option) => option.toLowerCase() === answer.toLowerCase())) {
    return reject('answer_not_in_options');
  }
  const kind = kindOf(answer, options);
  return {
    theme: source.theme,
    text,
    answer,
    alternatives: [],
    // A true/false pair gives the answer away; for a question that needs its options, the hint
    // is where a curator finds them.
    hint: kind === 'true_false' ? null : hintFromOptions(options),
    kind,
    reviewReason: needsOptions(answer) ? 'needs_options' : null,
    source: { file: source.file, line: block.line },
  };
}

function addLine(block: Block, line: string): void {
  const answer = ANSWER_LINE.exec(line);
  if (answer) {
    // Stryker disable next-line StringLiteral: the group (.*) always takes part in a match
    block.answers.push(answer[1] ?? '');
    return;
  }
  if (block.answers.length === 0) {
    block.textLines.push(line);
    return;
  }
  const option = OPTION_LINE.exec(line);
  if (option) {
    block.options.push(option[1] ?? '');
    return;
  }
  // A line after the options that is not an option continues the last one (a wrapped option).
  const continuation = line.trim();
  const last = block.options.pop();
  block.options.push(last === undefined ? continuation : `${last.trimEnd()} ${continuation}`);
}

/**
 * Reads the OpenTriviaQA block format: `#Q` question (continuing on following lines), `^` the
 * answer, then lettered options. Every block becomes a question or a rejection with its line, so
 * nothing is lost silently; a document with no `#Q` line at all is skipped as a whole.
 */
export function parseOpenTriviaQa(text: string, source: Source): ParseResult {
  const lines = splitLines(text);
  if (!lines.some((line) => QUESTION_LINE.test(line))) {
    return { questions: [], rejected: [], warnings: [], blocksRead: 0, skipped: NOT_OPENTRIVIAQA };
  }
  const questions: ParsedQuestion[] = [];
  const rejected: RejectedBlock[] = [];
  const seen = new Set<string>();
  let blocksRead = 0;
  let block: Block | null = null;

  const close = () => {
    if (block === null) return;
    blocksRead += 1;
    const verdict = judge(block, source);
    if ('reason' in verdict) {
      rejected.push(verdict);
    } else {
      const key = contentKey(verdict);
      if (seen.has(key)) {
        rejected.push({
          reason: 'duplicate_in_file',
          file: source.file,
          line: block.line,
          excerpt: excerptOf(verdict.text),
        });
      } else {
        seen.add(key);
        questions.push(verdict);
      }
    }
    block = null;
  };

  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const questionStart = QUESTION_LINE.exec(line);
    if (questionStart) {
      close();
      // Stryker disable next-line StringLiteral: the group (.*) always takes part in a match
      block = { line: lineNumber, textLines: [questionStart[1] ?? ''], answers: [], options: [] };
      return;
    }
    if (line.trim() === '') return;
    if (block === null) {
      blocksRead += 1;
      rejected.push({
        reason: 'malformed_block',
        file: source.file,
        line: lineNumber,
        excerpt: excerptOf(line),
      });
      return;
    }
    addLine(block, line);
  });
  close();
  return { questions, rejected, warnings: [], blocksRead, skipped: null };
}

/** `geography.txt` → `geography`: the theme a data file stands for. */
export function themeFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const theme = base
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/^-+/, '')
    .slice(0, LIMITS.theme);
  if (theme === '')
    throw new Error(`the file name "${name}" does not give a theme (letters, digits, dashes)`);
  return theme;
}
