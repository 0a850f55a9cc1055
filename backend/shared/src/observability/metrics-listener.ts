import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';

export interface MetricsListener {
  /** The port it listens on: the one asked for, or the one picked when 0 was. */
  readonly port: number;
  close(): Promise<void>;
}

async function answer(registry: Registry, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = request.url?.split('?', 1)[0];
  if ((request.method !== 'GET' && request.method !== 'HEAD') || path !== METRICS_PATH) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  try {
    const body = await registry.metrics();
    response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    // A collect callback failed: a partial scrape would read as counters going back to zero.
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
  }
}

/**
 * A listener of its own for the Prometheus scrape: plain node:http, GET /metrics only. It is
 * separate from the service's port so that a firewall or network policy can keep it internal:
 * the gateway's port is public and proxies everything under /api.
 */
export function openMetricsListener(
  registry: Registry,
  address: { readonly host: string; readonly port: number },
): Promise<MetricsListener> {
  const server = createServer((request, response) => {
    void answer(registry, request, response);
  });
  // A scrape is one short request; a connection kept open would only hold the close up.
  server.keepAliveTimeout = 1_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address.host, port: address.port }, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((closed, failed) => {
            server.close((error) => (error === undefined ? closed() : failed(error)));
            server.closeIdleConnections();
          }),
      });
    });
  });
}
