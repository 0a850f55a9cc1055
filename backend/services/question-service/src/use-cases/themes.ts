import type { QuestionDeps } from './deps.js';

export function listThemes(deps: QuestionDeps) {
  return deps.cache.themes(deps.db);
}
