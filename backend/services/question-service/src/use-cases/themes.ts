import { themeCounts } from '../data/question-repository.js';
import type { QuestionDeps } from './deps.js';

export function listThemes(deps: QuestionDeps) {
  return themeCounts(deps.db);
}
