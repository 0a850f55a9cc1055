import { isRecord } from '@know-foolery/shared/utils';

const LEVEL_NAMES: Readonly<Record<string, string>> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO ',
  warn: 'WARN ',
  error: 'ERROR',
  fatal: 'FATAL',
};

const QUIET_KEYS = new Set(['level', 'time', 'service', 'message', 'msg', 'pid', 'hostname']);

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * A pino JSON line made readable for a person at a terminal: time, level, message, then the other
 * fields as key=value. Anything that is not a pino line comes back unchanged.
 */
export function humanizeLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!isRecord(parsed)) return line;
    entry = parsed;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = LEVEL_NAMES[String(entry.level)] ?? String(entry.level ?? '').toUpperCase();
  const message = String(entry.message ?? entry.msg ?? '');
  const fields = Object.entries(entry)
    .filter(([key]) => !QUIET_KEYS.has(key))
    .map(([key, value]) => `${key}=${shortValue(value)}`);
  return [time, level, message, ...fields].filter((part) => part !== '').join(' ');
}

const COLORS = [36, 32, 33, 35, 34, 91, 96];

export function prefixFor(service: string, index: number, width: number, color: boolean): string {
  const label = `${service.padEnd(width)} |`;
  return color ? `\u001b[${COLORS[index % COLORS.length]}m${label}\u001b[0m ` : `${label} `;
}
