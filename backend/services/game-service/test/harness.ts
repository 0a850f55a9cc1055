import type { DatabaseDialect } from '@know-foolery/shared/database';
import { createTestDatabase, ManualClock, type TestDatabase, testAuth } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { buildApp } from '../src/app.js';
import { gameMigrations } from '../src/data/migrations/index.js';
import type { GameDatabase } from '../src/data/schema.js';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../src/domain/answer-matching.js';
import type { GameDeps } from '../src/use-cases/games.js';
import { FakeDownstreams } from './fakes.js';

export const auth = testAuth();
export const rules = {
  durationSeconds: 1800,
  similarityThreshold: DEFAULT_SIMILARITY_THRESHOLD,
  expirySweepIntervalMs: 60_000,
};

/**
 * game-service on one dialect with a fresh app (clock, fake downstreams) before each test and one
 * database per file; players are numbered so every test plays its own games.
 */
export function gameServiceHarness(dialect: DatabaseDialect) {
  let database: TestDatabase<GameDatabase>;
  let app: ReturnType<typeof buildApp> | undefined;
  let players = 0;
  const state = {
    clock: new ManualClock(),
    downstreams: new FakeDownstreams(),
  };

  beforeAll(async () => {
    database = await createTestDatabase<GameDatabase>(dialect, gameMigrations);
  });

  beforeEach(async () => {
    await app?.close();
    state.clock = new ManualClock();
    state.downstreams = new FakeDownstreams();
    app = buildApp({
      version: 'test',
      auth: auth.provider,
      database,
      downstreams: state.downstreams,
      clock: state.clock,
      rules,
      sweepExpiredGames: false,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await database.dispose();
  });

  const call = async (method: 'GET' | 'POST', url: string, authorization?: string, payload?: object) => {
    if (app === undefined) throw new Error('the app is built before each test');
    const response = await app.inject({
      method,
      url,
      ...(authorization ? { headers: { authorization } } : {}),
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json(), raw: response.body };
  };

  return {
    call,
    get db() {
      return database.db;
    },
    get clock() {
      return state.clock;
    },
    get downstreams() {
      return state.downstreams;
    },
    /** What the use cases get, for tests that drive the sweeper themselves. */
    gameDeps(): GameDeps {
      return {
        db: database.db,
        clock: state.clock,
        downstreams: state.downstreams,
        durationSeconds: rules.durationSeconds,
        similarityThreshold: rules.similarityThreshold,
        warn: () => undefined,
      };
    },
    async newPlayer(): Promise<string> {
      players += 1;
      return auth.bearer(`player-${players}`, ['player']);
    },
    lastPlayerId(): string {
      return `player-${players}`;
    },
    async startGame(authorization: string, payload: object = { theme: 'geography' }): Promise<string> {
      const started = await call('POST', '/api/v1/games', authorization, payload);
      expect(started.status).toBe(201);
      return started.body.id;
    },
  };
}
