import { hasLetterOrDigit, LIMITS } from './question-rules.js';

/** Enough for spellings, short forms and translations; a longer list is a word game, not a question. */
export const MAX_ALTERNATIVES = 20;

export type AlternativesCheck =
  | { readonly ok: true; readonly alternatives: readonly string[] }
  | { readonly ok: false; readonly problem: string };

/** Answers are judged ignoring case and spacing, so two that differ only there are one answer. */
function judgedAs(answer: string): string {
  return answer.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A question's alternative answers as stored: each trimmed, none empty or longer than an answer,
 * at most MAX_ALTERNATIVES, and each one new: not the answer itself, nor another alternative.
 */
export function checkAlternatives(answer: string, raw: readonly string[]): AlternativesCheck {
  if (raw.length > MAX_ALTERNATIVES)
    return { ok: false, problem: `a question has at most ${MAX_ALTERNATIVES} alternatives` };
  const seen = new Set([judgedAs(answer)]);
  const alternatives: string[] = [];
  for (const candidate of raw) {
    const alternative = candidate.trim();
    if (!hasLetterOrDigit(alternative))
      return { ok: false, problem: 'an alternative needs a letter or a digit' };
    if (alternative.length > LIMITS.answer)
      return { ok: false, problem: `an alternative has at most ${LIMITS.answer} characters` };
    const judged = judgedAs(alternative);
    if (seen.has(judged)) {
      const repeats = judged === judgedAs(answer) ? 'the answer' : 'another alternative';
      return { ok: false, problem: `the alternative "${alternative}" repeats ${repeats}` };
    }
    seen.add(judged);
    alternatives.push(alternative);
  }
  return { ok: true, alternatives };
}
