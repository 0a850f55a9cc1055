/** Reading JSON that came over the wire without trusting its shape: each field checked for its type. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): JsonObject | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value));
}

export function stringField(body: JsonObject | undefined, name: string): string | undefined {
  const value = body?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function numberField(body: JsonObject | undefined, name: string): number | undefined {
  const value = body?.[name];
  return typeof value === 'number' ? value : undefined;
}

export function booleanField(body: JsonObject | undefined, name: string): boolean | undefined {
  const value = body?.[name];
  return typeof value === 'boolean' ? value : undefined;
}

export function arrayField(body: JsonObject | undefined, name: string): readonly unknown[] {
  const value = body?.[name];
  return Array.isArray(value) ? value : [];
}

/** The body parsed as JSON, or undefined when it is not JSON (an HTML error page, an empty body). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
