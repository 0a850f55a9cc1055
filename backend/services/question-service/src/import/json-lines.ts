/**
 * Lines of a JSON document, so that an import report points at the line a person opens the file
 * at rather than at an entry's index.
 */

const NEWLINE = '\n';
/** JSON's whitespace besides the newline; strings cannot hold a raw newline. */
const BLANKS = new Set([' ', '\t', '\r']);

/**
 * The 1-based line on which each entry of a top-level array starts, in order. `text` is a document
 * JSON.parse has read as an array.
 */
export function entryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let entryNext = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === NEWLINE) {
      line += 1;
      continue;
    }
    if (character === undefined || BLANKS.has(character)) continue;
    if (entryNext && character !== ']') lines.push(line);
    entryNext = false;
    if (character === '"') inString = true;
    else if (character === '[' || character === '{') {
      depth += 1;
      entryNext = depth === 1;
    } else if (character === ']' || character === '}') depth -= 1;
    else if (character === ',') entryNext = depth === 1;
  }
  return lines;
}

/**
 * Where JSON.parse stopped, as far as its message tells: V8 names a line and column, or a
 * position, for most errors; at the end of the input it is the last line; otherwise the first.
 */
export function lineOfParseError(message: string, text: string): number {
  const stated = /\(line (\d+) column \d+\)/.exec(message);
  if (stated?.[1] !== undefined) return Number(stated[1]);
  const position = / at position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return lineAt(text, Number(position[1]));
  if (/end of JSON input/.test(message)) return lineAt(text, text.length);
  return 1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < Math.min(offset, text.length); index += 1)
    if (text[index] === NEWLINE) line += 1;
  return line;
}
