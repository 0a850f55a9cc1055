/**
 * The JSON pointer (`/answers/0/text`) of the first value in `root`, in document order, that
 * `matches`, or null when none does. Property names are tested too; a matching name is reported
 * at the object that holds it, so the name itself is never echoed back. Only plain objects and
 * arrays are entered, and without recursion, so a deeply nested body cannot overflow the stack.
 */
export function firstMatchPath(root: unknown, matches: (value: unknown) => boolean): string | null {
  const pending: [unknown, string][] = [[root, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path] = next;
    if (matches(value)) return path;
    const children = childrenOf(value);
    if (children === null) continue;
    if (!Array.isArray(value) && children.some(([name]) => matches(name))) return path;
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const child = children[index];
      if (child !== undefined) pending.push([child[1], `${path}/${escapePointerToken(child[0])}`]);
    }
  }
  return null;
}

function childrenOf(value: unknown): [string, unknown][] | null {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  return isPlainObject(value) ? Object.entries(value) : null;
}

/**
 * Made by JSON.parse or a literal, or with a prototype that itself has none (how the query string
 * parser and the router build theirs). Never a stream, socket or buffer, whose graphs are not input.
 */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}

/** RFC 6901: `~` and `/` in a property name are written `~0` and `~1`. */
function escapePointerToken(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}
