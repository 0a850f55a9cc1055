import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the site received it. */
export interface SiteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly cookie: string | undefined;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly origin: string | undefined;
  readonly body: string;
}

export interface SiteAnswer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string | string[]>>;
  readonly body?: string;
}

export interface TestSite {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request in order. */
  readonly seen: SiteRequest[];
  close(): Promise<void>;
}

async function readRequest(request: IncomingMessage): Promise<SiteRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  const url = new URL(request.url ?? '/', 'http://site.invalid');
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    cookie: request.headers.cookie,
    contentType: request.headers['content-type'],
    authorization: request.headers.authorization,
    origin: request.headers.origin,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

/** A tiny real HTTP server on a free loopback port answering every request with `answer`. */
export async function startTestSite(answer: (request: SiteRequest) => SiteAnswer): Promise<TestSite> {
  const seen: SiteRequest[] = [];
  const server = createServer((request, response) => {
    readRequest(request)
      .then((received) => {
        seen.push(received);
        const { status = 200, headers = {}, body = '' } = answer(received);
        response.writeHead(status, headers);
        response.end(body);
      })
      .catch(() => {
        response.writeHead(500);
        response.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export const html = (body: string): SiteAnswer => ({
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!doctype html><html><body>${body}</body></html>`,
});

export const redirect = (location: string, status = 302, setCookie: readonly string[] = []): SiteAnswer => ({
  status,
  headers: { location, 'set-cookie': [...setCookie] },
});

export const json = (body: unknown, status = 200): SiteAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
