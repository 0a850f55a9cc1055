import { EnvReader, readRedisConfig } from '@know-foolery/shared/config';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import { sleep } from '@know-foolery/shared/utils';
import pg from 'pg';
import type { GatewayClient } from './gateway-client.js';
import { arrayField, asObject, numberField, stringField } from './json-fields.js';
import type { Ledger } from './ledger.js';
import type { PlayerSession } from './sign-in.js';

/** One invariant checked after the run: how many cases held it and the first few that did not. */
export interface InvariantResult {
  readonly name: string;
  readonly checked: number;
  readonly violations: number;
  readonly examples: readonly string[];
}

export interface InvariantSources {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly keyPrefix: string;
  readonly ledger: Ledger;
  readonly client: GatewayClient;
  /** Any signed-in player: the leaderboard is read through the gateway as players read it. */
  readonly reader: PlayerSession;
}

const EXAMPLES_KEPT = 5;
/** The game-service sweeper records scores a finish could not; give it this long before judging. */
const SCORES_SETTLE_MS = 30_000;

class Tally {
  checked = 0;
  readonly examples: string[] = [];
  violations = 0;

  constructor(readonly name: string) {}

  check(holds: boolean, example: () => string): void {
    this.checked += 1;
    if (holds) return;
    this.violations += 1;
    if (this.examples.length < EXAMPLES_KEPT) this.examples.push(example());
  }

  result(): InvariantResult {
    return { name: this.name, checked: this.checked, violations: this.violations, examples: this.examples };
  }
}

export interface InvariantReport {
  readonly invariants: readonly InvariantResult[];
  /** Answers a client saw accepted of which the database holds no attempt. */
  readonly lostAnswers: number;
}

export async function checkInvariants(sources: InvariantSources): Promise<InvariantReport> {
  const database = new pg.Client({ connectionString: sources.databaseUrl });
  await database.connect();
  try {
    await waitForScoresRecorded(database);
    const bestGames = await bestFinishedGames(database);
    const answers = await acceptedAnswersRecordedOnce(database, sources.ledger);
    const invariants = [
      answers.result,
      await gamesScoredOnce(database, sources.ledger),
      await scoresEqualBestGames(database, bestGames),
      await servedLeaderboardEqualsBestGames(sources, bestGames),
      await sessionKeysExpire(sources),
    ];
    return { invariants, lostAnswers: answers.lost };
  } finally {
    await database.end();
  }
}

async function waitForScoresRecorded(database: pg.Client): Promise<void> {
  const deadline = Date.now() + SCORES_SETTLE_MS;
  while (Date.now() < deadline) {
    const { rows } = await database.query(
      "select count(*)::int as pending from game_sessions where status <> 'active' and not score_recorded",
    );
    if (numberField(asObject(rows[0]), 'pending') === 0) return;
    await sleep(1_000);
  }
}

async function acceptedAnswersRecordedOnce(
  database: pg.Client,
  ledger: Ledger,
): Promise<{ result: InvariantResult; lost: number }> {
  const tally = new Tally('every answer a client saw accepted is recorded exactly once');
  const { rows } = await database.query(
    'select game_id, question_id, answer_given, count(*)::int as copies from question_attempts group by 1, 2, 3',
  );
  const copies = new Map<string, number>();
  let lost = 0;
  for (const row of rows) {
    const fields = asObject(row);
    const key = attemptKey(
      stringField(fields, 'game_id'),
      stringField(fields, 'question_id'),
      stringField(fields, 'answer_given'),
    );
    copies.set(key, numberField(fields, 'copies') ?? 0);
  }
  tally.check(ledger.accepted.length > 0, () => 'no client saw any answer accepted: the load never played');
  for (const accepted of ledger.accepted) {
    const found = copies.get(attemptKey(accepted.gameId, accepted.questionId, accepted.answer)) ?? 0;
    if (found === 0) lost += 1;
    tally.check(found === 1, () => `game ${accepted.gameId}, "${accepted.answer}": ${found} rows`);
  }
  return { result: tally.result(), lost };
}

function attemptKey(gameId: string | undefined, questionId: string | undefined, answer: string | undefined) {
  return JSON.stringify([gameId, questionId, answer]);
}

/** Every ended game has one score at most, and a game a client saw finished has exactly its score. */
async function gamesScoredOnce(database: pg.Client, ledger: Ledger): Promise<InvariantResult> {
  const tally = new Tally('no game scored twice; every game seen finished scored once, as told');
  const { rows } = await database.query(
    'select game_id, count(*)::int as copies, max(score)::int as score from scores group by game_id',
  );
  const scored = new Map<string, { copies: number; score: number | undefined }>();
  for (const row of rows) {
    const fields = asObject(row);
    const gameId = stringField(fields, 'game_id') ?? '';
    const copies = numberField(fields, 'copies') ?? 0;
    scored.set(gameId, { copies, score: numberField(fields, 'score') });
    tally.check(copies === 1, () => `game ${gameId} scored ${copies} times`);
  }
  for (const game of ledger.finished) {
    const entry = scored.get(game.gameId);
    tally.check(
      entry?.copies === 1 && entry.score === game.score,
      () =>
        `game ${game.gameId} finished with ${game.score}: ${entry === undefined ? 'no score' : `${entry.copies} × ${entry.score}`}`,
    );
  }
  return tally.result();
}

/** Each player's best score over their ended games, from game-service's own table. */
async function bestFinishedGames(database: pg.Client): Promise<ReadonlyMap<string, number>> {
  const { rows } = await database.query(
    "select user_id, max(score)::int as best from game_sessions where status <> 'active' group by user_id",
  );
  return new Map(
    rows.map((row) => {
      const fields = asObject(row);
      return [stringField(fields, 'user_id') ?? '', numberField(fields, 'best') ?? -1];
    }),
  );
}

async function scoresEqualBestGames(
  database: pg.Client,
  bestGames: ReadonlyMap<string, number>,
): Promise<InvariantResult> {
  const tally = new Tally("every player's recorded best equals their best finished game (scores table)");
  const { rows } = await database.query(
    'select user_id, max(score)::int as best from scores group by user_id',
  );
  const recorded = new Map(
    rows.map((row) => {
      const fields = asObject(row);
      return [stringField(fields, 'user_id') ?? '', numberField(fields, 'best')];
    }),
  );
  for (const [userId, best] of bestGames) {
    const entry = recorded.get(userId);
    tally.check(entry === best, () => `${userId}: best game ${best}, recorded best ${entry ?? 'none'}`);
  }
  for (const userId of recorded.keys())
    tally.check(bestGames.has(userId), () => `${userId}: a score but no ended game`);
  return tally.result();
}

/** The all-time board as the gateway serves it (Redis boards, caches) against the games themselves. */
async function servedLeaderboardEqualsBestGames(
  sources: InvariantSources,
  bestGames: ReadonlyMap<string, number>,
): Promise<InvariantResult> {
  const tally = new Tally('every leaderboard entry served equals the best finished game of its player');
  const answered = await sources.client.send(
    sources.reader,
    'GET',
    '/api/v1/leaderboard?period=all&limit=100',
  );
  tally.check(answered.status === 200, () => `GET /api/v1/leaderboard answered ${answered.status}`);
  for (const item of arrayField(answered.body, 'items')) {
    const entry = asObject(item);
    const userId = stringField(entry, 'userId') ?? '';
    const score = numberField(entry, 'score');
    const best = bestGames.get(userId);
    tally.check(score === best, () => `${userId}: board says ${score}, best game ${best ?? 'none'}`);
  }
  return tally.result();
}

/** Sessions end by themselves: every key session-service wrote has an expiry. */
async function sessionKeysExpire(sources: InvariantSources): Promise<InvariantResult> {
  const tally = new Tally('every session key in Redis has a TTL');
  const { redisUrl: url, keyPrefix } = sources;
  const config = readRedisConfig(new EnvReader({ REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix }));
  const redis = new RedisClient({ config, url, metrics: createMetricsRegistry() });
  await redis.connect();
  try {
    const keys = await redis.run('keys', (connection) => connection.keys(`${keyPrefix}session*`));
    tally.check(keys.length > 0, () => `no session key under ${keyPrefix}: sessions were not in Redis`);
    for (const key of keys) {
      const unprefixed = key.slice(keyPrefix.length);
      const ttl = await redis.run('pttl', (connection) => connection.pttl(unprefixed));
      tally.check(ttl !== -1, () => `${unprefixed} has no TTL`);
    }
  } finally {
    await redis.close();
  }
  return tally.result();
}
