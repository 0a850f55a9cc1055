/** Players of a benchmark: each gets a dev token through the gateway and a game of their own. */
export interface Player {
  readonly authorization: string;
  readonly gameId: string;
}

async function postJson<T>(url: string, body: unknown, authorization?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function createPlayers(gatewayUrl: string, count: number, prefix: string): Promise<Player[]> {
  const players: Player[] = [];
  for (let index = 0; index < count; index += 1) {
    const token = await postJson<{ accessToken: string }>(`${gatewayUrl}/api/v1/dev/token`, {
      sub: `${prefix}-${index}`,
      roles: ['player'],
    });
    const authorization = `Bearer ${token.accessToken}`;
    const game = await postJson<{ id: string }>(`${gatewayUrl}/api/v1/games`, {}, authorization);
    players.push({ authorization, gameId: game.id });
  }
  return players;
}
