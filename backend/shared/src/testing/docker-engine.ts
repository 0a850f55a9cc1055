import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Endpoint = { readonly socketPath: string } | { readonly host: string; readonly port: number };

/**
 * Where a Docker engine may listen: DOCKER_HOST when set (as the Docker CLI and testcontainers
 * read it), else the usual sockets of Docker Engine, rootless Docker and Docker Desktop. Only
 * sockets that exist are listed, so a machine without an engine is answered without any I/O.
 */
export function dockerEndpoints(env: NodeJS.ProcessEnv): Endpoint[] {
  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    const url = new URL(dockerHost);
    if (url.protocol === 'unix:') return [{ socketPath: url.pathname }];
    return [{ host: url.hostname, port: Number(url.port || 2375) }];
  }
  const sockets = [
    '/var/run/docker.sock',
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'docker.sock') : null,
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
  ];
  return sockets
    .filter((path): path is string => path !== null && existsSync(path))
    .map((socketPath) => ({ socketPath }));
}

/**
 * Whether a Docker engine answers, within `timeoutMs`. Quiet: no output, no testcontainers
 * import (which is slow and starts probing on its own) unless an engine is really there.
 */
export async function dockerEngineReachable(env: NodeJS.ProcessEnv, timeoutMs = 1_500): Promise<boolean> {
  let endpoints: Endpoint[];
  try {
    endpoints = dockerEndpoints(env);
  } catch {
    return false;
  }
  for (const endpoint of endpoints) {
    if (await answers(endpoint, timeoutMs)) return true;
  }
  return false;
}

function answers(endpoint: Endpoint, timeoutMs: number): Promise<boolean> {
  // Over TCP the engine may want TLS client certificates: accepting the connection is enough to try.
  if ('host' in endpoint) return accepts(endpoint.host, endpoint.port, timeoutMs);
  return new Promise((resolve) => {
    const ping = request(
      { socketPath: endpoint.socketPath, path: '/_ping', timeout: timeoutMs },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    ping.on('timeout', () => ping.destroy());
    ping.on('error', () => resolve(false));
    ping.end();
  });
}

function accepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const settle = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => settle(true));
    socket.once('timeout', () => settle(false));
    socket.once('error', () => settle(false));
  });
}
