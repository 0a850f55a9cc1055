import { createHash } from 'node:crypto';

export const DISPLAY_NAME_MIN = 3;
export const DISPLAY_NAME_MAX = 32;

/** Letters and digits of any script, spaces, dots, dashes and underscores; no leading or trailing space. */
const ALLOWED = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]*[\p{L}\p{N}._-])?$/u;

export type DisplayNameCheck =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

export function checkDisplayName(raw: string): DisplayNameCheck {
  const value = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  const length = [...value].length;
  if (length < DISPLAY_NAME_MIN || length > DISPLAY_NAME_MAX) {
    return { ok: false, reason: `a display name has ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} characters` };
  }
  if (!ALLOWED.test(value)) {
    return {
      ok: false,
      reason: 'a display name holds letters, digits, spaces, dots, dashes and underscores',
    };
  }
  return { ok: true, value };
}

export function displayNameKey(displayName: string): string {
  return displayName.toLocaleLowerCase('en-US');
}

/** The names a new player may get, best first: the token's name if usable, then stable fallbacks. */
export function candidateDisplayNames(subject: string, tokenName: string | null): string[] {
  const digest = createHash('sha256').update(subject).digest('hex');
  const fallback = `player-${digest.slice(0, 8)}`;
  const fromToken = tokenName === null ? null : checkDisplayName(tokenName);
  const preferred = fromToken?.ok ? fromToken.value : fallback;
  const base = preferred.slice(0, DISPLAY_NAME_MAX - 5);
  return [
    preferred,
    ...[1, 2, 3].map((n) => `${base}-${digest.slice(8 + n * 4, 12 + n * 4)}`),
    `player-${digest.slice(0, 24)}`,
  ];
}
