/**
 * Keys that share a hash tag (`{tag}`) live in one cluster slot, which every multi-key command,
 * transaction and Lua script over them needs in cluster mode. Outside a cluster a tag is just text.
 */
export function taggedKey(tag: string, ...parts: readonly string[]): string {
  if (tag === '' || /[{}]/.test(tag)) {
    throw new Error(`a hash tag must be non-empty and hold no braces, got "${tag}"`);
  }
  return [`{${tag}}`, ...parts].join(':');
}
