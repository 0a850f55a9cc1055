/** The names a browser on this machine may give the gateway: cookies set under one are not sent to another. */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where to send a browser that opened a sign-in on another loopback name than the one the sign-in
 * comes back to (the redirect URI's): http://127.0.0.1:3000 when the callback is on localhost:3000.
 * Its pending sign-in cookie would be set under the name it used and never reach the callback, so
 * the sign-in starts over on the callback's name. Only loopback names on the same port are told
 * apart this way: a proxy that rewrites Host is left alone, and no other site is ever named.
 */
export function loopbackAliasRedirect(host: string | undefined, path: string, site: URL): string | undefined {
  if (host === undefined || host === site.host || !URL.canParse(`http://${host}`)) return undefined;
  const asked = new URL(`http://${host}`);
  const sameMachine = LOOPBACK_NAMES.has(asked.hostname) && LOOPBACK_NAMES.has(site.hostname);
  return sameMachine && asked.port === site.port ? `${site.origin}${path}` : undefined;
}
