import { type AddressInfo, connect, type Socket } from 'node:net';
import { Type } from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { publicAccess } from '../src/auth/index.js';
import { createServiceApp, type ServiceApp } from '../src/http-server/index.js';
import { testAuth } from '../src/testing/tokens.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Responses as they came over the socket, in order (pipelined ones included). */
function parseResponses(raw: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = raw;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const [statusLine = '', ...headerLines] = rest.slice(0, headEnd).split('\r\n');
    const headers = Object.fromEntries(
      headerLines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    const length = Number(headers['content-length'] ?? 0);
    const bodyStart = headEnd + 4;
    const body = Buffer.from(rest.slice(bodyStart)).subarray(0, length).toString();
    responses.push({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) });
    rest = rest.slice(bodyStart + body.length);
  }
  return responses;
}

/** Writes raw bytes to the server and collects everything it sends until it closes the connection. */
function exchange(
  port: number,
  request: string,
  whileOpen?: (socket: Socket) => Promise<void>,
): Promise<RawResponse[]> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(request);
      whileOpen?.(socket).catch(reject);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(parseResponses(received)));
  });
}

const expectProblem = (response: RawResponse | undefined, status: number, code: string) => {
  expect(response?.status).toBe(status);
  expect(response?.headers['content-type']).toContain('application/problem+json');
  expect(response?.headers['x-request-id']).toMatch(/.+/);
  expect(response?.body).toMatchObject({ status, code });
};

describe('requests refused before any route runs still get problem+json', () => {
  let app: ServiceApp;
  let port: number;
  let release: () => void = () => undefined;
  let entered: Promise<void> = Promise.resolve();
  let answeredThing: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    let enteredSlow: () => void = () => undefined;
    entered = new Promise((resolve) => {
      enteredSlow = resolve;
    });
    let thingAnswered: () => void = () => undefined;
    answeredThing = new Promise((resolve) => {
      thingAnswered = resolve;
    });
    app = createServiceApp({ service: 'probe-service', version: 'test', auth: testAuth().provider });
    app.addHook('onSend', async (request) => {
      if (request.url.startsWith('/things/')) thingAnswered();
    });
    app.get(
      '/things/:id',
      { config: { auth: publicAccess }, schema: { params: Type.Object({ id: Type.String() }) } },
      async (request) => ({ id: request.params.id }),
    );
    app.get('/slow', { config: { auth: publicAccess } }, async () => {
      enteredSlow();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { finished: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  }

  afterEach(async () => {
    release();
    await app.close();
  });

  it('431 HEADERS_TOO_LARGE for headers larger than Node accepts', async () => {
    await start();
    const [response] = await exchange(
      port,
      `GET /things/1 HTTP/1.1\r\nhost: localhost\r\nx-padding: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectProblem(response, 431, 'HEADERS_TOO_LARGE');
  });

  it('400 MALFORMED_REQUEST for bytes that are not HTTP', async () => {
    await start();
    const [response] = await exchange(port, 'NOT HTTP AT ALL\r\n\r\n');
    expectProblem(response, 400, 'MALFORMED_REQUEST');
  });

  it('414 URI_TOO_LONG for a path segment longer than the router takes', async () => {
    await start();
    const response = await fetch(`http://127.0.0.1:${port}/things/${'a'.repeat(500)}`);
    expect(response.status).toBe(414);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
    expect(await response.json()).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
  });

  it('400 MALFORMED_URL for a path that is not valid percent-encoding', async () => {
    await start();
    const response = await fetch(`http://127.0.0.1:${port}/things/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 400, code: 'MALFORMED_URL' });
  });

  it('503 SHUTTING_DOWN, with Retry-After, for a request arriving while the server closes', async () => {
    await start();
    // The server stops accepting connections; a keep-alive one busy with a request stays open.
    const responses = await exchange(
      port,
      'GET /slow HTTP/1.1\r\nhost: localhost\r\n\r\n',
      async (socket) => {
        await entered;
        const closed = app.close();
        socket.write('GET /things/1 HTTP/1.1\r\nhost: localhost\r\n\r\n');
        await answeredThing;
        release();
        await closed;
      },
    );
    expect(responses.map((response) => response.status)).toEqual([200, 503]);
    expectProblem(responses[1], 503, 'SHUTTING_DOWN');
    expect(responses[1]?.headers['retry-after']).toBe('1');
  });
});
