import { notFound } from '@know-foolery/shared/errors';
import type { Clock } from '@know-foolery/shared/utils';
import { SessionErrorCode } from '../contract/error-codes.js';
import type { SessionStore } from '../data/session-store.js';
import {
  newSessionId,
  openSession,
  type Session,
  type SessionPolicy,
  touchSession,
} from '../domain/session.js';

export interface SessionDeps {
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly policy: SessionPolicy;
}

/** The same answer whether the session never existed, expired or is someone else's: ids cannot be probed. */
function sessionNotFound(): Error {
  return notFound('no such session', SessionErrorCode.sessionNotFound);
}

async function ownedSession(deps: SessionDeps, userId: string, id: string): Promise<Session> {
  const session = await deps.store.find(id);
  if (session === undefined || session.userId !== userId) throw sessionNotFound();
  return session;
}

export async function startSession(
  deps: SessionDeps,
  userId: string,
  client: string | null,
): Promise<Session> {
  const session = openSession(newSessionId(), userId, client, deps.clock.now(), deps.policy);
  await deps.store.add(session, deps.policy.maxPerUser);
  return session;
}

export function listSessions(deps: SessionDeps, userId: string): Promise<readonly Session[]> {
  return deps.store.listByUser(userId);
}

export function findSession(deps: SessionDeps, userId: string, id: string): Promise<Session> {
  return ownedSession(deps, userId, id);
}

/** Records activity: the idle expiry starts again, capped by the session's maximum lifetime. */
export async function touch(deps: SessionDeps, userId: string, id: string): Promise<Session> {
  const touched = touchSession(await ownedSession(deps, userId, id), deps.clock.now(), deps.policy);
  if (!(await deps.store.replace(touched))) throw sessionNotFound();
  return touched;
}

export async function revokeSession(deps: SessionDeps, userId: string, id: string): Promise<void> {
  await ownedSession(deps, userId, id);
  if (!(await deps.store.remove(id))) throw sessionNotFound();
}

export function revokeAllSessions(deps: SessionDeps, userId: string): Promise<number> {
  return deps.store.removeByUser(userId);
}
