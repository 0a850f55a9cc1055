import { contentKey, LIMITS } from '../domain/question-rules.js';
import { excerptOf, type ParsedQuestion, type ParseResult, type RejectedBlock } from './parsed-question.js';
import { splitLines } from './text-decoding.js';

const QUESTION_LINE = /^#Q\s?(.*)$/;
const ANSWER_LINE = /^\^\s?(.*)$/;
const OPTION_LINE = /^([A-Z])\s(.*)$/;

interface Block {
  readonly line: number;
  textLines: string[];
  answer: string | null;
  options: string[];
}

interface Source {
  readonly file: string;
  readonly theme: string;
}

/** Multiple-choice options read as a hint; a true/false pair gives nothing away worth a point. */
function hintFromOptions(options: readonly string[]): string | null {
  if (options.length < 2) return null;
  const lower = options.map((option) => option.toLowerCase()).sort();
  if (lower.length === 2 && lower[0] === 'false' && lower[1] === 'true') return null;
  return `One of: ${options.join(', ')}`;
}

function judge(block: Block, source: Source): ParsedQuestion | RejectedBlock {
  const text = block.textLines.join(' ').replace(/\s+/g, ' ').trim();
  const reject = (reason: RejectedBlock['reason']): RejectedBlock => ({
    reason,
    file: source.file,
    line: block.line,
    excerpt: excerptOf(text === '' ? (block.answer ?? '') : text),
  });
  if (text === '') return reject('empty_question');
  if (block.answer === null) return reject('missing_answer');
  const answer = block.answer.trim();
  if (answer === '') return reject('empty_answer');
  if (text.length > LIMITS.text) return reject('question_too_long');
  if (answer.length > LIMITS.answer) return reject('answer_too_long');
  const options = block.options.map((option) => option.trim()).filter((option) => option !== '');
  if (options.length > 0 && !options.some((option) => option.toLowerCase() === answer.toLowerCase())) {
    return reject('answer_not_in_options');
  }
  return {
    theme: source.theme,
    text,
    answer,
    hint: hintFromOptions(options),
    source: { file: source.file, line: block.line },
  };
}

/**
 * Reads the OpenTriviaQA block format: `#Q` question (continuing on following lines), `^` the
 * answer, then lettered options. Every block becomes a question or a rejection with its line, so
 * nothing is lost silently.
 */
export function parseOpenTriviaQa(text: string, source: Source): ParseResult {
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

  splitLines(text).forEach((rawLine, index) => {
    const line = rawLine.trim();
    const lineNumber = index + 1;
    const questionStart = QUESTION_LINE.exec(line);
    if (questionStart) {
      close();
      block = { line: lineNumber, textLines: [questionStart[1] ?? ''], answer: null, options: [] };
      return;
    }
    if (line === '') return;
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
  return { questions, rejected, blocksRead };
}

function addLine(block: Block, line: string): void {
  const answer = ANSWER_LINE.exec(line);
  if (answer && block.answer === null) {
    block.answer = answer[1] ?? '';
    return;
  }
  const option = block.answer === null ? null : OPTION_LINE.exec(line);
  if (option) {
    block.options.push(option[2] ?? '');
    return;
  }
  if (block.answer === null) {
    block.textLines.push(line);
    return;
  }
  // A line after the options that is not an option continues the last one (a wrapped option).
  const last = block.options.pop();
  block.options.push(last === undefined ? line : `${last} ${line}`);
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
