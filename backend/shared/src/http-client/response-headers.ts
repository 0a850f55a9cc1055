/**
 * A downstream's response headers by lower-case name, as undici reads them: a header sent more than
 * once (Set-Cookie, typically) is a list of its values.
 */
export type ResponseHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Every value the downstream sent for header `name` (lower case): none, one, or each of several. */
export function headerValues(headers: ResponseHeaders, name: string): readonly string[] {
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
