import type autocannon from 'autocannon';
import { type LoadResult, measureLoad } from '../load.js';
import { measureOpenLoad, type OpenModelClient, type PlannedRequest } from '../open-load.js';
import type { Player } from '../players.js';

const WRONG_ANSWER = JSON.stringify({ answer: 'certainly not this' });

interface ConnectionContext {
  player?: Player;
}

/**
 * The authenticated loop every player runs: fetch the current question, answer it. Each
 * connection plays its own game (autocannon keeps a context per connection); answers are wrong,
 * so every third one settles the question and the next fetch draws a new one.
 */
function gameLoopRequests(players: readonly Player[]): autocannon.Request[] {
  let next = 0;
  const playerOf = (context: ConnectionContext): Player => {
    if (context.player === undefined) {
      const player = players[next % players.length];
      if (player === undefined) throw new Error('the game loop needs at least one player');
      context.player = player;
      next += 1;
    }
    return context.player;
  };
  return [
    {
      method: 'GET',
      setupRequest: (request, context) => {
        const player = playerOf(context as ConnectionContext);
        return {
          ...request,
          path: `/api/v1/games/${player.gameId}/question`,
          headers: { authorization: player.authorization },
        };
      },
    },
    {
      method: 'POST',
      setupRequest: (request, context) => {
        const player = playerOf(context as ConnectionContext);
        return {
          ...request,
          path: `/api/v1/games/${player.gameId}/answers`,
          headers: { authorization: player.authorization, 'content-type': 'application/json' },
          body: WRONG_ANSWER,
        };
      },
    },
  ];
}

export function measureGameLoop(
  gatewayUrl: string,
  players: readonly Player[],
  shape: { connections: number; durationSeconds: number },
): Promise<LoadResult> {
  return measureLoad({ url: gatewayUrl, ...shape, requests: gameLoopRequests(players) });
}

/** A player of the open model: fetch the question, answer it, again. */
function loopingPlayer(player: Player): OpenModelClient {
  const fetch: PlannedRequest = {
    method: 'GET',
    path: `/api/v1/games/${player.gameId}/question`,
    headers: { authorization: player.authorization },
  };
  const answer: PlannedRequest = {
    method: 'POST',
    path: `/api/v1/games/${player.gameId}/answers`,
    headers: { authorization: player.authorization, 'content-type': 'application/json' },
    body: WRONG_ANSWER,
  };
  let answering = false;
  return {
    next() {
      const planned = answering ? answer : fetch;
      answering = !answering;
      return planned;
    },
  };
}

/** The same loop at a fixed arrival rate (an open model), to read its tail latency. */
export function measureGameLoopAtRate(
  gatewayUrl: string,
  players: readonly Player[],
  shape: { rate: number; durationSeconds: number },
): Promise<LoadResult> {
  return measureOpenLoad({ origin: gatewayUrl, ...shape, clients: players.map(loopingPlayer) });
}
