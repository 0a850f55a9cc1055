import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SessionHandles } from '../src/crypto/session-handles.js';
import { newSessionId, SESSION_ID_PATTERN } from '../src/domain/session.js';

describe('session handles', () => {
  const lookupKey = randomBytes(32);
  const handles = new SessionHandles(lookupKey);

  it('are the base64url HMAC-SHA256 of the id under the lookup key: stable, 43 characters', () => {
    const id = newSessionId();
    const handle = handles.handleOf(id);
    expect(handle).toBe(createHmac('sha256', lookupKey).update(id).digest('base64url'));
    expect(handle).toMatch(new RegExp(SESSION_ID_PATTERN));
    expect(handles.handleOf(id)).toBe(handle);
    expect(handle).not.toBe(id);
    expect(handles.handleOf(newSessionId())).not.toBe(handle);
  });

  it('change with the lookup key, which is why rotating it ends every session', () => {
    const id = newSessionId();
    expect(new SessionHandles(randomBytes(32)).handleOf(id)).not.toBe(handles.handleOf(id));
  });

  it('need a 32-byte lookup key', () => {
    expect(() => new SessionHandles(randomBytes(16))).toThrow(RangeError);
  });
});
