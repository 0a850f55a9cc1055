import type { Static } from 'typebox';
// Not in the public document (the routes exist only with Zitadel): typed by admin-service's own schemas.
import type {
  Deactivation as DeactivationSchema,
  ListedPlayer as ListedPlayerSchema,
  PlayerAccount as PlayerAccountSchema,
  PlayerPage as PlayerPageSchema,
  RoleChange as RoleChangeSchema,
} from '../../../backend/services/admin-service/src/routes/player-schemas.ts';
import { sendChange } from './client.ts';
import { ProblemError, problemOf, unreachable } from './problem.ts';

export type PlayerPage = Static<typeof PlayerPageSchema>;
export type ListedPlayer = Static<typeof ListedPlayerSchema>;
export type PlayerAccount = Static<typeof PlayerAccountSchema>;
type Deactivation = Static<typeof DeactivationSchema>;
type RoleChange = Static<typeof RoleChangeSchema>;

const PLAYERS_PATH = '/api/v1/admin/players';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The fields the page shows of an account, checked before they are relied on. */
const isAccount = (value: unknown): value is PlayerAccount =>
  isObject(value) &&
  typeof value.id === 'string' &&
  typeof value.username === 'string' &&
  typeof value.displayName === 'string' &&
  typeof value.state === 'string';

const isListed = (value: unknown): value is ListedPlayer =>
  isAccount(value) &&
  'roles' in value &&
  Array.isArray(value.roles) &&
  value.roles.every((role: unknown) => typeof role === 'string');

const isPage = (value: unknown): value is PlayerPage =>
  isObject(value) &&
  Array.isArray(value.items) &&
  value.items.every(isListed) &&
  typeof value.total === 'number' &&
  typeof value.limit === 'number' &&
  typeof value.offset === 'number';

const hasPlayer = (value: unknown): value is Deactivation | RoleChange =>
  isObject(value) && isAccount(value.player);

async function answerOf<Body>(
  request: Promise<Response>,
  accepts: (body: unknown) => body is Body,
): Promise<Body> {
  const response = await request.catch((error: unknown) => {
    throw new ProblemError(unreachable(error));
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || !accepts(body)) throw new ProblemError(problemOf(body, response.status));
  return body;
}

/** The page from `offset` of the project's players, those whose login name holds `q` when given. */
export function listPlayers(q: string, offset: number): Promise<PlayerPage> {
  const query = new URLSearchParams({ offset: String(offset), ...(q === '' ? {} : { q }) });
  return answerOf(fetch(`${PLAYERS_PATH}?${query}`, { credentials: 'same-origin' }), isPage);
}

const player = (id: string) => `${PLAYERS_PATH}/${encodeURIComponent(id)}`;

export const playerChanges = {
  deactivate: (id: string) => answerOf(sendChange(`${player(id)}/deactivate`, 'POST'), hasPlayer),
  reactivate: (id: string) => answerOf(sendChange(`${player(id)}/reactivate`, 'POST'), isAccount),
  grantAdmin: (id: string) => answerOf(sendChange(`${player(id)}/roles/admin`, 'PUT'), hasPlayer),
  revokeAdmin: (id: string) => answerOf(sendChange(`${player(id)}/roles/admin`, 'DELETE'), hasPlayer),
} as const;
