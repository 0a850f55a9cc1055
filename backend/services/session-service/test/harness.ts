import { randomBytes } from 'node:crypto';
import { createAuth, type Role } from '@know-foolery/shared/auth';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import { ManualClock, TEST_AUTH_CONFIG } from '@know-foolery/shared/testing';
import { type Logger, pino } from 'pino';
import { buildApp } from '../src/app.js';
import { MockTokenRenewer } from '../src/auth-tokens/mock-token-renewer.js';
import { NO_PROVIDER_REVOCATION } from '../src/auth-tokens/token-revoker.js';
import { CookieSigner } from '../src/crypto/cookie-signer.js';
import type { SessionKey } from '../src/crypto/keyring.js';
import { SessionHandles } from '../src/crypto/session-handles.js';
import { MemorySessionStore } from '../src/data/memory-session-store.js';
import { MemoryTokenRevocations } from '../src/data/memory-token-revocations.js';
import type { SessionStore } from '../src/data/session-store.js';
import type { TokenRevocations } from '../src/data/token-revocations.js';
import type { SessionPolicy } from '../src/domain/session.js';
import type { SessionRouteDeps } from '../src/routes/public-sessions.js';
import { SingleFlight } from '../src/use-cases/single-flight.js';

const HOUR = 3_600;
export const POLICY: SessionPolicy = { ttlSeconds: HOUR, maxLifetimeSeconds: 4 * HOUR, maxPerUser: 3 };

export function randomKey(id: string): SessionKey {
  return { id, secret: randomBytes(32) };
}

/** One line pino wrote, parsed. */
export type LogLine = Readonly<Record<string, unknown>>;

export function capturingLogger(lines: LogLine[]): Logger {
  return pino(
    { level: 'warn' },
    {
      write(line: string) {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed === 'object' && parsed !== null)
          lines.push(Object.fromEntries(Object.entries(parsed)));
      },
    },
  );
}

export interface HarnessOptions {
  readonly secure?: boolean;
  /** The store and revocations to use, made with the harness's clock; memory by default. */
  readonly storage?: (clock: ManualClock) => { store: SessionStore; revocations: TokenRevocations };
  readonly touchIntervalMs?: number;
  readonly policy?: SessionPolicy;
  /** The clock of sessions and tokens alike; a ManualClock half a second into a second by default. */
  readonly clock?: ManualClock;
}

/**
 * session-service as composeService wires it, on a ManualClock shared by the sessions and the
 * token issuer (so expiry and renewal are exact), with fresh random keys and a logger whose lines
 * the test reads.
 */
export function sessionHarness(options: HarnessOptions = {}) {
  // Half a second into a second, moved in whole seconds: a token issued at any instant has an `iat`
  // (whole seconds) strictly before that instant, as revocation marks compare them.
  const clock =
    options.clock ?? new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000 + 500).toISOString());
  const auth = createAuth(TEST_AUTH_CONFIG, () => clock.now());
  const { issuer } = auth;
  if (issuer === null) throw new Error('the test auth provider issues tokens');
  const storage = options.storage?.(clock) ?? {
    store: new MemorySessionStore({ clock, sweepIntervalMs: 60_000 }),
    revocations: new MemoryTokenRevocations({
      clock,
      maxTokenLifetimeSeconds: TEST_AUTH_CONFIG.maxTokenLifetimeSeconds,
    }),
  };
  const logs: LogLine[] = [];
  const deps: SessionRouteDeps = {
    ...storage,
    clock,
    policy: options.policy ?? POLICY,
    signer: new CookieSigner([randomKey('s1')]),
    handles: new SessionHandles(randomBytes(32)),
    renewer: new MockTokenRenewer(issuer),
    revoker: NO_PROVIDER_REVOCATION,
    renewals: new SingleFlight(),
    renewalClaimMs: 5_000,
    touchIntervalMs: options.touchIntervalMs ?? 60_000,
    authMethods: ['mock'],
    cookie: { secure: options.secure ?? false, maxAgeSeconds: (options.policy ?? POLICY).maxLifetimeSeconds },
  };
  const app: ServiceApp = buildApp({
    version: 'test',
    auth: auth.provider,
    sessions: deps,
    logger: capturingLogger(logs),
  });

  const token = async (subject: string, roles: readonly Role[] = ['player'], ttlSeconds?: number) =>
    (await issuer.issueToken({ subject, roles, name: `${subject} name`, ttlSeconds })).accessToken;
  const cookieName = deps.cookie.secure ? '__Host-kf_session' : 'kf_session';

  /** Opens a session with a fresh token for `subject`; the cookie it set and the body. */
  const open = async (
    subject = 'alice',
    extra: { cookie?: string; token?: string; client?: string } = {},
  ) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: {
        authorization: `Bearer ${extra.token ?? (await token(subject))}`,
        ...(extra.cookie === undefined ? {} : { cookie: `${cookieName}=${extra.cookie}` }),
      },
      payload: extra.client === undefined ? {} : { client: extra.client },
    });
    const setCookie = String(response.headers['set-cookie'] ?? '');
    const cookie = /^[^=]+=([^;]*)/.exec(setCookie)?.[1] ?? '';
    return { response, setCookie, cookie, body: response.json() };
  };

  /** A call as `subject` (a fresh player token), with the session cookie when given. */
  const call = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    options: { subject?: string; cookie?: string; payload?: object } = {},
  ) =>
    app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${await token(options.subject ?? 'alice')}`,
        ...(options.cookie === undefined ? {} : { cookie: `other=1; ${cookieName}=${options.cookie}` }),
      },
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });

  /** A call with the gateway's identity. */
  const internal = async (
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    roles: readonly Role[] = ['service'],
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await token('service:gateway', roles)}` },
      ...(payload === undefined ? {} : { payload }),
    });

  const resolve = (cookie: string) => internal('POST', '/internal/v1/sessions/resolve', { cookie });

  return { app, auth, clock, deps, logs, token, open, call, internal, resolve, cookieName };
}

export type SessionHarness = ReturnType<typeof sessionHarness>;
