import type { VerdictReason } from '../domain/judging/judge.js';
import type { EndReason } from '../domain/rules.js';

/** What happened in play, told to whoever counts it (the metrics): each event once, when it happened. */
export interface GameEvents {
  started(): void;
  /** Told only by the request or sweep that ended the game, not by one that found it ended. */
  ended(reason: EndReason): void;
  answered(verdict: VerdictReason): void;
  /** A hint shown for the first time on its question; showing it again reveals nothing new. */
  hintShown(): void;
}
