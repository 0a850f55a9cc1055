import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { developmentKeyring, parseKeyring, parseKeySecret } from '../src/crypto/keyring.js';

const secret = () => randomBytes(32).toString('base64');

describe('parsing a keyring', () => {
  it('reads the keys newest first, ids and secrets as given', () => {
    const [first, second] = [secret(), secret()];
    const keys = parseKeyring(`k2:${first}, k-1:${second}`);
    expect(keys.map((key) => key.id)).toEqual(['k2', 'k-1']);
    expect(keys[0]?.secret).toEqual(Buffer.from(first, 'base64'));
    expect(keys[1]?.secret).toEqual(Buffer.from(second, 'base64'));
  });

  it('refuses every malformed keyring, naming the fault and never the secret', () => {
    const short = randomBytes(31).toString('base64');
    const long = randomBytes(33).toString('base64');
    const unpadded = secret().replace(/=+$/, '');
    const url = randomBytes(32).toString('base64url');
    const cases: ReadonlyArray<readonly [string, RegExp, string?]> = [
      ['', /key 1: expected "id:base64secret"/],
      [`k1${secret()}`, /key 1: expected/],
      [`:${secret()}`, /key 1: the id must match/],
      [`K1:${secret()}`, /the id must match/],
      [`k_1:${secret()}`, /the id must match/],
      [`${'k'.repeat(17)}:${secret()}`, /the id must match/],
      [`k1:${secret()},k1:${secret()}`, /key 2: the id "k1" appears twice/],
      [`k1:${short}`, /key 1 \("k1"\): the secret must be exactly 32 bytes/, short],
      [`k1:${long}`, /exactly 32 bytes/, long],
      [`k1:${unpadded}`, /exactly 32 bytes/, unpadded],
      [`k1:${url}`, /exactly 32 bytes/, url],
      [`k1:${secret()},`, /key 2: expected/],
    ];
    for (const [text, message, hidden] of cases) {
      let thrown: unknown;
      try {
        parseKeyring(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, text).toBeInstanceOf(RangeError);
      expect(String(thrown), text).toMatch(message);
      if (hidden !== undefined) expect(String(thrown)).not.toContain(hidden);
    }
  });

  it('reads one secret the same way', () => {
    const text = secret();
    expect(parseKeySecret(text, 'SESSION_LOOKUP_KEY')).toEqual(Buffer.from(text, 'base64'));
    expect(() => parseKeySecret('abc', 'SESSION_LOOKUP_KEY')).toThrow(
      /^SESSION_LOOKUP_KEY: the secret must be exactly 32 bytes in base64$/,
    );
  });
});

describe('development keyrings', () => {
  it('are one 32-byte key, the same on every call and different for each purpose', () => {
    const encryption = developmentKeyring('encryption');
    expect(encryption).toHaveLength(1);
    expect(encryption[0]?.id).toBe('dev');
    expect(encryption[0]?.secret).toHaveLength(32);
    expect(developmentKeyring('encryption')).toEqual(encryption);
    expect(developmentKeyring('signing')[0]?.secret).not.toEqual(encryption[0]?.secret);
  });
});
