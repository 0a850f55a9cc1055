import { Counter, type MetricsRegistry } from '@know-foolery/shared/observability';
import { VERDICT_REASONS } from './domain/judging/judge.js';
import { GAME_STATUSES } from './domain/rules.js';
import type { GameEvents } from './use-cases/game-events.js';

const END_REASONS = GAME_STATUSES.filter((status) => status !== 'active');

/**
 * Play counted in the registry: games started and ended (by reason), answers (by the verdict's
 * reason) and hints. Every label value is from a closed list, each series written at zero from the
 * start so a rate over it exists before the first event.
 */
export function countedGameEvents(registry: MetricsRegistry): GameEvents {
  const registers = [registry];
  const started = new Counter({ name: 'games_started_total', help: 'Games started', registers });
  const ended = new Counter({
    name: 'games_ended_total',
    help: 'Games ended, by reason: finished by the player, expired, or exhausted (no question left)',
    labelNames: ['reason'],
    registers,
  });
  const answers = new Counter({
    name: 'game_answers_total',
    help: "Answers judged, by the verdict's reason (exact, normalized, typo, alternative, wrong)",
    labelNames: ['verdict'],
    registers,
  });
  const hints = new Counter({
    name: 'game_hints_total',
    help: 'Hints shown, each once per question',
    registers,
  });
  for (const reason of END_REASONS) ended.inc({ reason }, 0);
  for (const verdict of VERDICT_REASONS) answers.inc({ verdict }, 0);
  return {
    started: () => started.inc(),
    ended: (reason) => ended.inc({ reason }),
    answered: (verdict) => answers.inc({ verdict }),
    hintShown: () => hints.inc(),
  };
}
