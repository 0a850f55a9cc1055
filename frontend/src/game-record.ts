/** One question of the game as the player went through it: the summary at the end reads these. */
export interface PlayedQuestion {
  readonly questionId: string;
  readonly text: string;
  readonly attempts: string[];
  hintShown: boolean;
  correct: boolean;
  answer: string | null;
}

export interface GameRecord {
  readonly gameId: string;
  readonly questions: PlayedQuestion[];
}

/** The game in play survives a reload of this tab; nothing about the session is kept. */
const KEY = 'know-foolery.game';

const isRecord = (value: unknown): value is GameRecord =>
  typeof value === 'object' &&
  value !== null &&
  'gameId' in value &&
  typeof value.gameId === 'string' &&
  'questions' in value &&
  Array.isArray(value.questions);

export function loadGame(): GameRecord | null {
  const text = window.sessionStorage.getItem(KEY);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveGame(record: GameRecord): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(record));
}

export function startRecord(gameId: string): GameRecord {
  const record = { gameId, questions: [] };
  saveGame(record);
  return record;
}
