/** `questions.alternatives` holds a JSON array of strings: one column, read and written on both dialects alike. */

export function encodeAlternatives(alternatives: readonly string[]): string {
  return JSON.stringify(alternatives);
}

export function decodeAlternatives(stored: string): string[] {
  const value: unknown = JSON.parse(stored);
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new Error('questions.alternatives holds something other than a JSON array of strings');
  }
  return value;
}
