import { describe, expect, it } from 'vitest';
import { SessionTamperedError } from '../src/data/errors.js';
import { decodeSession, encodeSession } from '../src/data/session-record.js';
import type { SessionPolicy } from '../src/domain/session.js';
import { testSession } from './session-store-fixtures.js';

const policy: SessionPolicy = { ttlSeconds: 3_600, maxLifetimeSeconds: 4 * 3_600, maxPerUser: 5 };
const session = testSession('alice', { now: new Date('2025-03-01T10:00:00.000Z'), policy });
const record = (): Record<string, unknown> => JSON.parse(encodeSession(session));

function refusal(json: string): unknown {
  try {
    decodeSession(json);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a session as stored inside its sealed value', () => {
  it('decodes back to the same session, dates as dates', () => {
    expect(decodeSession(encodeSession(session))).toEqual(session);
  });

  it('refuses a value that is not JSON, naming why and keeping the parse error', () => {
    const error = refusal('{"id":');
    expect(error).toBeInstanceOf(SessionTamperedError);
    expect(error).toMatchObject({
      name: 'SessionTamperedError',
      message: 'a stored session is not JSON',
      cause: expect.any(SyntaxError),
    });
  });

  it.each([
    ['a field the format does not have', { ...record(), admin: true }],
    [
      'a credential field the format does not have',
      { ...record(), credentials: { ...session.credentials, extra: 1 } },
    ],
    ['an instant that is not a date-time', { ...record(), expiresAt: 'tomorrow' }],
    [
      'a credential instant that is not a date-time',
      {
        ...record(),
        credentials: { ...session.credentials, accessTokenExpiresAt: 'soon' },
      },
    ],
    ['an unknown role', { ...record(), roles: ['owner'] }],
  ])('refuses %s', (_case, value) => {
    expect(refusal(JSON.stringify(value))).toMatchObject({
      name: 'SessionTamperedError',
      message: 'a stored session has an unexpected shape',
    });
  });
});
