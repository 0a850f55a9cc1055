import { type Token, tokenize } from './tokens.js';

/** An answer as typed, and its words. */
export interface Answer {
  readonly text: string;
  readonly words: readonly Token[];
}

const ARTICLES = new Set(['the', 'a', 'an']);

export function readAnswer(text: string): Answer {
  return { text, words: tokenize(text) };
}

/**
 * A leading article never matters ("The Beatles" = "Beatles"), but only when a word follows it: alone,
 * "A" is the letter (vitamin A, blood group A).
 */
export function withoutLeadingArticle(words: readonly Token[]): readonly Token[] {
  const [first, ...rest] = words;
  return first !== undefined && rest.length > 0 && ARTICLES.has(first.text) ? rest : words;
}

/** The words from `first` to `last` as the player or the question wrote them, punctuation between included. */
export function quote(answer: Answer, first: Token, last: Token = first): string {
  return answer.text.slice(first.start, last.end);
}

/** Lower-case, accents and punctuation gone, numbers in one form: the text two answers are compared on. */
export function normalizeAnswer(text: string): string {
  return withoutLeadingArticle(tokenize(text))
    .map((word) => word.text)
    .join(' ');
}

/** An answer with no letter or digit has nothing to judge. */
export function isBlankAnswer(text: string): boolean {
  return tokenize(text).length === 0;
}
