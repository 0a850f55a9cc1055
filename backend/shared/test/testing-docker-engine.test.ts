import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerEndpoints, dockerEngineReachable } from '../src/testing/docker-engine.js';

function listen(server: Server, target: string | number): Promise<void> {
  return new Promise((resolve) => server.listen(target, resolve));
}

describe('finding a Docker engine quickly and quietly', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kf-docker-probe-'));
  const engine = join(directory, 'engine.sock');
  const silent = join(directory, 'silent.sock');
  // A fake engine answers `GET /_ping`; a silent one accepts connections and never answers.
  const engineServer = createHttpServer((request, response) => {
    response.statusCode = request.url === '/_ping' ? 200 : 404;
    response.end('OK');
  });
  const silentServer = createServer(() => undefined);

  beforeAll(async () => {
    await listen(engineServer, engine);
    await listen(silentServer, silent);
  });

  afterAll(() => {
    engineServer.close();
    silentServer.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('reads DOCKER_HOST as a unix socket or a TCP address, and looks nowhere else', () => {
    expect(dockerEndpoints({ DOCKER_HOST: `unix://${engine}` })).toEqual([{ socketPath: engine }]);
    expect(dockerEndpoints({ DOCKER_HOST: 'tcp://docker.internal:2376' })).toEqual([
      { host: 'docker.internal', port: 2376 },
    ]);
  });

  it('finds an engine that answers its ping', async () => {
    expect(await dockerEngineReachable({ DOCKER_HOST: `unix://${engine}` })).toBe(true);
  });

  it.each([
    ['a socket that does not exist', `unix://${join(directory, 'missing.sock')}`],
    ['a closed TCP port', 'tcp://127.0.0.1:1'],
    ['an unparsable DOCKER_HOST', 'not a url'],
  ])('answers no at once for %s', async (_case, dockerHost) => {
    const started = performance.now();
    expect(await dockerEngineReachable({ DOCKER_HOST: dockerHost })).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('gives up on an engine that never answers within the time allowed', async () => {
    const started = performance.now();
    expect(await dockerEngineReachable({ DOCKER_HOST: `unix://${silent}` }, 200)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('accepts a TCP engine that takes the connection (TLS engines cannot be pinged without certificates)', async () => {
    const tcp = createServer((socket) => socket.destroy());
    await listen(tcp, 0);
    const address = tcp.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      expect(await dockerEngineReachable({ DOCKER_HOST: `tcp://127.0.0.1:${port}` })).toBe(true);
    } finally {
      tcp.close();
    }
  });
});
