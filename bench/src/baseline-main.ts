import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const BODY = JSON.stringify({
  status: 'ok',
  service: 'baseline',
  version: '0.0.0',
  uptimeSeconds: 1,
  checks: {},
});

/**
 * The yardstick: a bare Node http server answering a small JSON body, with nothing in its way. It
 * runs as a process of its own, like every service, so its CPU time is its own and not the load
 * generator's. It prints its URL on stdout once listening and stops on SIGINT.
 */
const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(BODY),
  });
  response.end(BODY);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`http://127.0.0.1:${port}\n`);
});
process.once('SIGINT', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
