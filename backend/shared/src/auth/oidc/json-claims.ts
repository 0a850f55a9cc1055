/** Claims as they arrive over the wire: a JSON object whose members are checked one by one. */
export type Claims = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is Claims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A member of the object itself, never one inherited from Object.prototype (`constructor`, `__proto__`). */
export function ownClaim(claims: Claims, name: string): unknown {
  return Object.hasOwn(claims, name) ? claims[name] : undefined;
}

export function stringClaim(claims: Claims, name: string): string | undefined {
  const value = ownClaim(claims, name);
  return typeof value === 'string' ? value : undefined;
}

export function numericDateClaim(claims: Claims, name: string): number | undefined {
  const value = ownClaim(claims, name);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `aud` is one string or a list of them (RFC 7519 section 4.1.3). */
export function audienceIncludes(claims: Claims, audience: string): boolean {
  const aud = ownClaim(claims, 'aud');
  if (typeof aud === 'string') return aud === audience;
  return Array.isArray(aud) && aud.includes(audience);
}
