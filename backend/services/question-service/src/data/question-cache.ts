import type { CachedValues, PlatformCache } from '@know-foolery/shared/cache';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { QuestionKind } from '../contract/fields.js';
import type { PoolMembers, QuestionPool } from '../domain/question.js';
import { poolMembers, themeCounts } from './question-repository.js';
import type { QuestionDatabase } from './schema.js';

/**
 * What the game reads most, cached in front of the database: the pools draws walk and the theme
 * list. The database stays the truth: a draw checks the question it picked against it (see
 * drawNext), so a stale pool can cost a draw a second look, never serve a deactivated question.
 *
 * Tags, and what invalidates them (always after the write has committed):
 * - `bank`: every value here. An import (any mode, any theme) invalidates it.
 * - `theme:<theme>`: the pools of that theme. A question created in a theme, or edited (text,
 *   answer, kind, difficulty, activation, moved away or in) invalidates its old and its new theme.
 * - `any-theme`: the pools of every theme, and the theme list (counts of active questions). Every
 *   change to a question invalidates it.
 * A bus message lost on the way to an instance is made up for by the first level's TTL below.
 */
const BANK_TAG = 'bank';
const ANY_THEME_TAG = 'any-theme';
const themeTag = (theme: string) => `theme:${theme}`;

const PoolMembersSchema = Type.Object({ ids: Type.Array(Type.String()), kinds: Type.Array(QuestionKind) });
const ThemeList = Type.Array(
  Type.Object({ theme: Type.String(), questionCount: Type.Integer({ minimum: 0 }) }),
);

export type ThemeCount = { readonly theme: string; readonly questionCount: number };

type Db = Kysely<QuestionDatabase>;

export class QuestionCache {
  readonly #cache: PlatformCache;
  readonly #pools: CachedValues<PoolMembers>;
  readonly #themes: CachedValues<readonly ThemeCount[]>;

  constructor(cache: PlatformCache) {
    this.#cache = cache;
    // A pool of the whole bank holds tens of thousands of ids; refilling it from Redis costs a few
    // milliseconds, so it stays in memory longer than the theme list. Staleness here delays a new
    // question's first draw; it never serves a removed one.
    this.#pools = cache.define({
      kind: 'pool',
      schema: PoolMembersSchema,
      ttlMs: 60_000,
      graceMs: 3_600_000,
      firstLevelTtlMs: 30_000,
      firstLevelMaxItems: 500,
    });
    // Players see this list before choosing a theme: a deactivation shows within the bus's delay
    // (milliseconds), or this first level's TTL when a message is lost.
    this.#themes = cache.define({
      kind: 'themes',
      schema: ThemeList,
      ttlMs: 60_000,
      graceMs: 3_600_000,
      firstLevelTtlMs: 5_000,
    });
  }

  /** The active questions of a theme and difficulty (absent: any), in draw order, every kind. */
  pool(db: Db, pool: Pick<QuestionPool, 'theme' | 'difficulty'>): Promise<PoolMembers> {
    const { theme, difficulty } = pool;
    return this.#pools.getOrLoad(`${theme ?? '*'}:${difficulty ?? '*'}`, {
      tags: [BANK_TAG, theme === undefined ? ANY_THEME_TAG : themeTag(theme)],
      load: () => poolMembers(db, { theme, difficulty }),
    });
  }

  /** Each theme with its count of active questions. */
  themes(db: Db): Promise<readonly ThemeCount[]> {
    return this.#themes.getOrLoad('all', { tags: [BANK_TAG, ANY_THEME_TAG], load: () => themeCounts(db) });
  }

  /** After a question of these themes was created or changed; whether Redis took it. */
  questionChanged(themes: readonly string[]): Promise<boolean> {
    return this.#cache.invalidateTags([ANY_THEME_TAG, ...themes.map(themeTag)]);
  }

  /** After an import, by the service or the seed command; whether Redis took it. */
  bankChanged(): Promise<boolean> {
    return this.#cache.invalidateTags([BANK_TAG]);
  }
}
