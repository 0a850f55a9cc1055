import type autocannon from 'autocannon';
import type { CpuSource } from '../cpu.js';
import { type LoadResult, measureLoad } from '../load.js';
import { measureOpenLoad, type OpenModelClient, type PlannedRequest } from '../open-load.js';
import type { Player } from '../players.js';

/**
 * "false" is a wrong answer to an open question and a valid one to a true/false question, which
 * refuses anything but true or false with a 400: every answer is then judged, none refused.
 */
const ANSWER = JSON.stringify({ answer: 'false' });

interface ConnectionContext {
  player?: Player;
}

/**
 * The authenticated loop every player runs: fetch the current question, answer it. autocannon
 * clears a connection's context after each pass through the requests, so a connection takes a
 * free player for one pass and hands them back when the answer comes in: no two connections ever
 * play the same game at once. Most answers are wrong, so every third one settles the question (a
 * true/false one sooner) and the next fetch draws a new one.
 */
function gameLoopRequests(players: readonly Player[]): autocannon.Request[] {
  const free = [...players];
  const playerOf = (context: ConnectionContext): Player => {
    if (context.player === undefined) {
      const player = free.shift();
      if (player === undefined) throw new Error('the game loop needs a free player for every connection');
      context.player = player;
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
          body: ANSWER,
        };
      },
      onResponse: (_status, _body, context) => {
        const { player } = context as ConnectionContext;
        if (player !== undefined) free.push(player);
      },
    },
  ];
}

export function measureGameLoop(
  gatewayUrl: string,
  players: readonly Player[],
  shape: { connections: number; durationSeconds: number },
  cpu: CpuSource,
): Promise<LoadResult> {
  return measureLoad({ url: gatewayUrl, ...shape, cpu, requests: gameLoopRequests(players) });
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
    body: ANSWER,
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
  shape: { rate: number; durationSeconds: number; warmUpSeconds: number },
  cpu: CpuSource,
): Promise<LoadResult> {
  return measureOpenLoad({ origin: gatewayUrl, ...shape, cpu, clients: players.map(loopingPlayer) });
}
