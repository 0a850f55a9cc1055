import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const BODY = JSON.stringify({
  status: 'ok',
  service: 'baseline',
  version: '0.0.0',
  uptimeSeconds: 1,
  checks: {},
});

/** The yardstick: a bare Node http server answering a small JSON body, with nothing in its way. */
export async function startBaselineServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(BODY),
    });
    response.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
