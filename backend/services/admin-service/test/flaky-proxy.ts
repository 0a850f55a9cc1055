import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly requestId: string | undefined;
  readonly body: unknown;
}

/**
 * A real HTTP server passing every request on to the development identity provider and recording
 * it, which can fail the next requests itself: Zitadel busy, failing, or refusing, for the tests of
 * what admin-service sends, retries and stops sending. It answers nothing of Zitadel's API itself.
 */
export interface FlakyProxy {
  readonly url: string;
  /** Every request received, oldest first. */
  readonly received: ReceivedRequest[];
  /** The next `count` requests get `status` with Zitadel's error body, and never reach the provider. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

/** The gRPC code Zitadel answers each status with (https://zitadel.com/docs/apis/statuscodes). */
const GRPC_CODES: Readonly<Record<number, number>> = {
  400: 9,
  401: 16,
  403: 7,
  404: 5,
  409: 6,
  429: 8,
  500: 13,
  503: 14,
};
const GRPC_UNKNOWN = 2;

function parsedJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFlakyProxy(upstream: string): Promise<FlakyProxy> {
  const received: ReceivedRequest[] = [];
  let failures = { count: 0, status: 0 };

  const server = createServer(async (request, response) => {
    const text = await readText(request);
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    received.push({
      method: request.method ?? 'GET',
      path: new URL(request.url ?? '/', 'http://proxy').pathname,
      authorization: header('authorization'),
      requestId: header('x-request-id'),
      body: parsedJson(text),
    });
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      const code = GRPC_CODES[failures.status] ?? GRPC_UNKNOWN;
      response
        .writeHead(failures.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code, message: 'failed by the test (PROXY-1)', details: [] }));
      return;
    }
    const answer = await fetch(new URL(request.url ?? '/', upstream), {
      method: request.method ?? 'GET',
      headers: {
        ...(request.headers.authorization === undefined
          ? {}
          : { authorization: request.headers.authorization }),
        ...(text === '' ? {} : { 'content-type': 'application/json' }),
      },
      ...(text === '' ? {} : { body: text }),
    });
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');

  return {
    url: `http://127.0.0.1:${(address satisfies AddressInfo).port}`,
    received,
    failNext(count, status) {
      failures = { count, status };
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
