import { testDialects } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { auth, gameServiceHarness, rules } from './harness.js';

/** What a player is told when the game refuses: the status, the code, and a sentence that says why. */
describe.each(testDialects())('the refusals of a game on %s', (dialect) => {
  const harness = gameServiceHarness(dialect);
  const { call } = harness;

  const answer = (gameId: string, player: string, text: string) =>
    call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: text });

  it('answers a game that does not exist as one that is not yours', async () => {
    const response = await call('GET', '/api/v1/games/no-such-game', await harness.newPlayer());
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'GAME_NOT_FOUND', detail: 'no game no-such-game of yours' });
  });

  it('lets only the player play their game', async () => {
    const gameId = await harness.startGame(await harness.newPlayer());
    const response = await call('POST', `/api/v1/games/${gameId}/hint`, await auth.bearer('root', ['admin']));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      code: 'NOT_GAME_OWNER',
      detail: 'only the player whose game this is may play it',
    });
  });

  it('refuses a second game while one is in play, and starts one once it has run out of time', async () => {
    const player = await harness.newPlayer();
    await harness.startGame(player);
    const second = await call('POST', '/api/v1/games', player, { theme: 'geography' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'GAME_ALREADY_ACTIVE',
      detail: 'finish your game in play before starting another',
    });
    harness.clock.advanceSeconds(rules.durationSeconds);
    expect((await call('POST', '/api/v1/games', player, { theme: 'geography' })).status).toBe(201);
  });

  it('starts exactly one of many games a player asks for at once', async () => {
    const player = await harness.newPlayer();
    const started = await Promise.all(
      Array.from({ length: 5 }, () => call('POST', '/api/v1/games', player, { theme: 'geography' })),
    );
    expect(started.filter((response) => response.status === 201)).toHaveLength(1);
    for (const refused of started.filter((response) => response.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('GAME_ALREADY_ACTIVE');
    }
  });

  it('refuses a pool with no question in it', async () => {
    const response = await call('POST', '/api/v1/games', await harness.newPlayer(), { theme: 'astrology' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'EMPTY_QUESTION_POOL',
      detail: 'no question matches this theme, difficulty and kind of question',
    });
  });

  it('says what is wrong with an answer, and what to do when no question is open', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    const early = await answer(gameId, player, 'Paris');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'NO_OPEN_QUESTION',
      detail: 'no question is open: ask for the next one',
    });
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const blank = await answer(gameId, player, ' ?! ');
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({
      code: 'BLANK_ANSWER',
      detail: 'an answer needs at least one letter or digit',
    });
  });

  it('counts the attempts left of the open question, and stores an answer without the spaces around it', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    await answer(gameId, player, '  Lyon  ');
    expect((await call('GET', `/api/v1/games/${gameId}/question`, player)).body.attemptsLeft).toBe(2);
    const stored = await harness.db
      .selectFrom('question_attempts')
      .select('answer_given')
      .where('game_id', '=', gameId)
      .execute();
    expect(stored).toEqual([{ answer_given: 'Lyon' }]);
  });

  it('explains the refusals of a true/false question', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player, { theme: 'science', questionKinds: ['true_false'] });
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const hint = await call('POST', `/api/v1/games/${gameId}/hint`, player);
    expect(hint.status).toBe(409);
    expect(hint.body).toMatchObject({
      code: 'NO_HINT',
      detail: 'a true/false question has no hint: any hint would give it away',
    });
    const maybe = await answer(gameId, player, 'maybe');
    expect(maybe.status).toBe(400);
    expect(maybe.body).toMatchObject({
      code: 'NOT_TRUE_OR_FALSE',
      detail: 'this is a true/false question: answer true or false',
    });
  });

  it('says why a game that has ended refuses to be played', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('POST', `/api/v1/games/${gameId}/finish`, player);
    const late = await call('GET', `/api/v1/games/${gameId}/question`, player);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'GAME_OVER', detail: 'this game has ended (finished)' });
  });

  it('hands every one of many simultaneous requests for the question the same one', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    const fetched = await Promise.all(
      Array.from({ length: 8 }, () => call('GET', `/api/v1/games/${gameId}/question`, player)),
    );
    expect(fetched.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(new Set(fetched.map((response) => response.body.questionId)).size).toBe(1);
  });
});
