import { judgeAnswer, type MatchOptions, type Verdict } from './answer-matching.js';
import type { GameQuestion } from './game.js';
import { judgeTrueFalse, readTrueFalse } from './true-false.js';

/**
 * The judge for a question of either kind: true/false by its truth value, free text by its words.
 * Null when the text cannot answer a question of this kind at all ("maybe" to a true/false
 * question), so the caller can refuse it without spending the attempt.
 */
export function judgeAttempt(
  question: Pick<GameQuestion, 'kind' | 'answer' | 'alternatives'>,
  given: string,
  options: MatchOptions,
): Verdict | null {
  const truth = question.kind === 'true_false' ? readTrueFalse(question.answer) : null;
  if (truth === null)
    return judgeAnswer(given, { answer: question.answer, alternatives: question.alternatives }, options);
  return judgeTrueFalse(given, truth);
}
