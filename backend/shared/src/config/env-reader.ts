import { readFileSync } from 'node:fs';
import { isRecord } from '../utils/index.js';

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Every problem found while reading configuration, so one start-up reports all of them at once. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type NodeEnv = 'development' | 'test' | 'production';
const NODE_ENVS: readonly NodeEnv[] = ['development', 'test', 'production'];

/**
 * Reads typed values out of environment variables. Problems are collected rather than thrown
 * one at a time; `done()` throws them together.
 */
export class EnvReader {
  readonly #env: EnvSource;
  readonly #problems: string[] = [];
  readonly nodeEnv: NodeEnv;

  constructor(env: EnvSource) {
    this.#env = env;
    this.nodeEnv = this.oneOf('NODE_ENV', NODE_ENVS, 'development');
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  #raw(name: string): string | undefined {
    const value = this.#env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  #problem<T>(name: string, message: string, fallback: T): T {
    this.#problems.push(`${name}: ${message}`);
    return fallback;
  }

  string(name: string, defaultValue: string, pattern?: { regex: RegExp; expected: string }): string {
    const value = this.#raw(name) ?? defaultValue;
    if (pattern && !pattern.regex.test(value)) {
      return this.#problem(name, `expected ${pattern.expected}, got "${value}"`, defaultValue);
    }
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.#raw(name);
  }

  integer(name: string, defaultValue: number, range: { min: number; max: number }): number {
    const raw = this.#raw(name);
    if (raw === undefined) return defaultValue;
    if (!/^-?\d+$/.test(raw)) {
      return this.#problem(name, `expected an integer, got "${raw}"`, defaultValue);
    }
    const value = Number(raw);
    if (value < range.min || value > range.max) {
      return this.#problem(
        name,
        `expected an integer from ${range.min} to ${range.max}, got ${raw}`,
        defaultValue,
      );
    }
    return value;
  }

  number(name: string, defaultValue: number, range: { min: number; max: number }): number {
    const raw = this.#raw(name);
    if (raw === undefined) return defaultValue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < range.min || value > range.max) {
      return this.#problem(
        name,
        `expected a number from ${range.min} to ${range.max}, got "${raw}"`,
        defaultValue,
      );
    }
    return value;
  }

  port(name: string, defaultValue: number): number {
    return this.integer(name, defaultValue, { min: 0, max: 65_535 });
  }

  boolean(name: string, defaultValue: boolean): boolean {
    const raw = this.#raw(name)?.toLowerCase();
    if (raw === undefined) return defaultValue;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    return this.#problem(name, `expected true or false, got "${raw}"`, defaultValue);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], defaultValue: T): T {
    const raw = this.#raw(name);
    if (raw === undefined) return defaultValue;
    const match = allowed.find((candidate) => candidate === raw);
    if (match === undefined) {
      return this.#problem(name, `expected one of ${allowed.join(', ')}, got "${raw}"`, defaultValue);
    }
    return match;
  }

  url(name: string, defaultValue: string, protocols: readonly string[]): string {
    const raw = this.#raw(name) ?? defaultValue;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return this.#problem(name, `expected a URL (${protocols.join(' or ')}), got "${raw}"`, defaultValue);
    }
    if (!protocols.includes(parsed.protocol)) {
      return this.#problem(name, `expected a ${protocols.join(' or ')} URL, got "${raw}"`, defaultValue);
    }
    return raw.replace(/\/+$/, '');
  }

  list(name: string, defaultValue: readonly string[]): readonly string[] {
    const raw = this.#raw(name);
    if (raw === undefined) return defaultValue;
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /**
   * A secret has no default in production: it must be provided. Its value never appears in a message.
   */
  secret(name: string, developmentDefault: string, minBytes: number): string {
    const raw = this.#raw(name);
    if (raw === undefined) {
      if (this.isProduction) return this.#problem(name, 'is required when NODE_ENV=production', '');
      return developmentDefault;
    }
    if (Buffer.byteLength(raw, 'utf8') < minBytes) {
      return this.#problem(name, `must be at least ${minBytes} bytes long`, developmentDefault);
    }
    return raw;
  }

  /** Records a problem found by cross-field validation. */
  reject(name: string, message: string): void {
    this.#problems.push(`${name}: ${message}`);
  }

  done(): void {
    if (this.#problems.length > 0) throw new ConfigError(this.#problems);
  }
}

type FileValue = string | number | boolean;

/**
 * The environment, with the optional JSON file named by CONFIG_FILE underneath it:
 * a variable set in the environment wins over the same key in the file.
 */
export function loadEnvironment(env: EnvSource = process.env): EnvSource {
  const file = env.CONFIG_FILE?.trim();
  if (!file) return env;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`CONFIG_FILE: cannot read "${file}" as JSON (${reason})`]);
  }
  if (!isRecord(parsed)) {
    throw new ConfigError([`CONFIG_FILE: "${file}" must hold a JSON object of VARIABLE: value pairs`]);
  }
  const fromFile: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (!isFileValue(value)) {
      problems.push(`CONFIG_FILE: "${key}" in "${file}" must be a string, number or boolean`);
      continue;
    }
    fromFile[key] = String(value);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...fromFile, ...definedOnly(env) };
}

function isFileValue(value: unknown): value is FileValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function definedOnly(env: EnvSource): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}

export function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
