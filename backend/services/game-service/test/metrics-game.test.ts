import { createMetricsRegistry } from '@know-foolery/shared/observability';
import {
  createTestDatabase,
  ManualClock,
  scrapedValue,
  type TestDatabase,
  testDialects,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { gameMigrations } from '../src/data/migrations/index.js';
import type { GameDatabase } from '../src/data/schema.js';
import { FakeDownstreams } from './fakes.js';
import { auth, rules } from './harness.js';

describe.each(testDialects())('game-service counts play on %s', (dialect) => {
  const registry = createMetricsRegistry();
  const clock = new ManualClock();
  let database: TestDatabase<GameDatabase>;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    database = await createTestDatabase<GameDatabase>(dialect, gameMigrations);
    app = buildApp({
      version: 'test',
      auth: auth.provider,
      database,
      downstreams: new FakeDownstreams(),
      clock,
      rules,
      sweepExpiredGames: false,
      metrics: registry,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const call = async (player: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: await auth.bearer(player, ['player']) },
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, body: response.json() };
  };
  const start = async (player: string, theme: string): Promise<string> => {
    const started = await call(player, 'POST', '/api/v1/games', { theme });
    expect(started.status).toBe(201);
    return started.body.id;
  };

  it('starts every series at zero, each verdict and end reason included', async () => {
    expect(await scrapedValue(registry, 'games_started_total')).toBe(0);
    expect(await scrapedValue(registry, 'game_hints_total')).toBe(0);
    for (const reason of ['finished', 'expired', 'exhausted']) {
      expect(await scrapedValue(registry, `games_ended_total{reason="${reason}"}`)).toBe(0);
    }
    for (const verdict of ['exact', 'normalized', 'typo', 'alternative', 'wrong']) {
      expect(await scrapedValue(registry, `game_answers_total{verdict="${verdict}"}`)).toBe(0);
    }
  });

  it('counts a start, answers by verdict, a hint once, and a finish once', async () => {
    const gameId = await start(`${dialect}-finisher`, 'geography');
    expect(await scrapedValue(registry, 'games_started_total')).toBe(1);
    const player = `${dialect}-finisher`;
    await call(player, 'GET', `/api/v1/games/${gameId}/question`);
    expect((await call(player, 'POST', `/api/v1/games/${gameId}/answers`, { answer: 'Lyon' })).status).toBe(
      200,
    );
    expect((await call(player, 'POST', `/api/v1/games/${gameId}/hint`)).status).toBe(200);
    expect((await call(player, 'POST', `/api/v1/games/${gameId}/hint`)).status).toBe(200);
    await call(player, 'POST', `/api/v1/games/${gameId}/answers`, { answer: ' paris ' });
    // A refused answer is judged by nobody: not counted.
    expect((await call(player, 'POST', `/api/v1/games/${gameId}/answers`, { answer: '  ' })).status).toBe(
      400,
    );
    expect((await call(player, 'POST', `/api/v1/games/${gameId}/finish`)).status).toBe(200);
    expect((await call(player, 'POST', `/api/v1/games/${gameId}/finish`)).status).toBe(200);

    expect(await scrapedValue(registry, 'game_answers_total{verdict="wrong"}')).toBe(1);
    expect(await scrapedValue(registry, 'game_answers_total{verdict="normalized"}')).toBe(1);
    expect(await scrapedValue(registry, 'game_hints_total')).toBe(1);
    expect(await scrapedValue(registry, 'games_ended_total{reason="finished"}')).toBe(1);
  });

  it('counts a game that runs out of questions, and one that runs out of time', async () => {
    const exhausted = await start(`${dialect}-exhauster`, 'music');
    await call(`${dialect}-exhauster`, 'GET', `/api/v1/games/${exhausted}/question`);
    await call(`${dialect}-exhauster`, 'POST', `/api/v1/games/${exhausted}/answers`, {
      answer: 'The Beatles',
    });
    expect((await call(`${dialect}-exhauster`, 'GET', `/api/v1/games/${exhausted}/question`)).status).toBe(
      409,
    );
    expect(await scrapedValue(registry, 'games_ended_total{reason="exhausted"}')).toBe(1);
    expect(await scrapedValue(registry, 'game_answers_total{verdict="exact"}')).toBe(1);

    const expired = await start(`${dialect}-sleeper`, 'geography');
    clock.advanceSeconds(rules.durationSeconds);
    expect((await call(`${dialect}-sleeper`, 'GET', `/api/v1/games/${expired}`)).body.status).toBe('expired');
    expect((await call(`${dialect}-sleeper`, 'GET', `/api/v1/games/${expired}`)).body.status).toBe('expired');
    expect(await scrapedValue(registry, 'games_ended_total{reason="expired"}')).toBe(1);
    expect(await scrapedValue(registry, 'games_started_total')).toBe(3);
  });
});
