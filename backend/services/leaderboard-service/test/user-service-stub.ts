import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UserServiceStub {
  readonly url: string;
  /** Headers of every lookup received, in order. */
  readonly lookups: IncomingHttpHeaders[];
  /** Answer every following call with this instead of the names; null answers normally again. */
  answerWith(answer: { readonly status: number; readonly body: unknown } | null): void;
  close(): Promise<void>;
}

/** A real HTTP server standing in for user-service's lookup, on an ephemeral port. */
export async function startUserServiceStub(
  names: Readonly<Record<string, string>>,
): Promise<UserServiceStub> {
  const lookups: IncomingHttpHeaders[] = [];
  let override: { readonly status: number; readonly body: unknown } | null = null;
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    request.on('end', () => {
      lookups.push(request.headers);
      if (override !== null) {
        response.writeHead(override.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(override.body));
        return;
      }
      const { ids } = JSON.parse(raw) as { ids: string[] };
      const users = ids.flatMap((id) => (names[id] === undefined ? [] : [{ id, displayName: names[id] }]));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ users }));
    });
  });
  const url = await listen(server);
  return {
    url,
    lookups,
    answerWith(answer) {
      override = answer;
    },
    close: () => close(server),
  };
}

/** A URL on which nothing listens: a port that was just free and is closed again. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await close(server);
  return url;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
