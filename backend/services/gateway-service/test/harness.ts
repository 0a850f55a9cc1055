import { testAuth } from '@know-foolery/shared/testing';
import { buildApp, type GatewayDeps } from '../src/app.js';
import { noSessions } from './session-stub.js';
import { type UpstreamStubs, urlOf } from './upstream-stubs.js';

export const auth = testAuth();

/** Small, so that a test can go over it cheaply. */
export const TEST_BODY_LIMIT_BYTES = 1024;

export const DEFAULT_RATE_LIMIT: GatewayDeps['config']['rateLimit'] = {
  windowMs: 60_000,
  addressMax: 10_000,
  max: 1_000,
  answersMax: 3,
  tokenMax: 20,
};

export function gatewayDeps(
  stubs: UpstreamStubs,
  overrides: Partial<GatewayDeps['config']> = {},
): GatewayDeps {
  return {
    version: 'test',
    auth: auth.provider,
    sessions: noSessions,
    devTokenIssuer: auth.issuer,
    bodyLimitBytes: TEST_BODY_LIMIT_BYTES,
    config: {
      upstreams: stubs.urls,
      corsOrigins: ['https://play.example.org'],
      rateLimit: DEFAULT_RATE_LIMIT,
      proxyTimeoutMs: 2_000,
      docsCacheMs: 0,
      ...overrides,
    },
  };
}

export type Gateway = ReturnType<typeof buildApp>;

/** A gateway on a real port, for what `inject` cannot show: raw paths, chunked bodies, sockets. */
export async function listeningGateway(deps: GatewayDeps): Promise<{ gateway: Gateway; port: number }> {
  const gateway = buildApp(deps);
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  return { gateway, port: Number(new URL(urlOf(gateway.server)).port) };
}
