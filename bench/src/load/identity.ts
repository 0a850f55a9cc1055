import { randomBytes } from 'node:crypto';
import {
  type DevIdentityProvider,
  startDevIdentityProvider,
  userProvisioner,
} from '@know-foolery/dev-identity';
import { devSignInEnv, devVerifierEnv } from '@know-foolery/dev-identity/seed';
import { startTcpRelay, type TcpRelay } from '@know-foolery/shared/fault-injection';
import type { Credentials } from './sign-in.js';

/** The gateway's callback, where the provider sends a browser back with its code. */
const CALLBACK_PATH = '/api/v1/auth/callback';

/**
 * The development identity provider in this process, reached only through a relay whose origin is
 * its issuer. The provider keeps everything in memory and cannot restart keeping it, whereas a
 * restarted Zitadel keeps its database: cutting the relay stands for "stopped" (every connection
 * dropped, new ones refused) and restoring it for "restarted with its state".
 */
export interface IdentityUnderLoad {
  readonly provider: DevIdentityProvider;
  readonly relay: TcpRelay;
  /** What every service reads to verify its tokens and the gateway to sign people in with it. */
  readonly env: Readonly<Record<string, string>>;
  createPlayers(names: readonly string[]): Promise<Credentials[]>;
  stop(): Promise<void>;
}

export async function startIdentity(
  gatewayOrigin: string,
  accessTokenTtlSeconds: number,
): Promise<IdentityUnderLoad> {
  const relay = await startTcpRelay({ host: '127.0.0.1', port: 0 });
  const relayUrl = `http://127.0.0.1:${relay.port}`;
  const redirectUri = `${gatewayOrigin}${CALLBACK_PATH}`;
  const provider = await startDevIdentityProvider({
    port: 0,
    issuer: relayUrl,
    accessTokenTtlSeconds,
    redirectUris: [redirectUri],
    postLogoutRedirectUris: [`${gatewayOrigin}/`],
  });
  relay.retarget({ host: '127.0.0.1', port: Number(new URL(provider.url).port) });
  const env = {
    ...devVerifierEnv(provider.issuer),
    ...devSignInEnv({
      redirectUri,
      postLogoutRedirectUri: `${gatewayOrigin}/`,
      stateKey: randomBytes(32).toString('base64url'),
    }),
  };
  return {
    provider,
    relay,
    env,
    createPlayers: (names) => createPlayers(provider, names),
    stop: async () => {
      await relay.close();
      await provider.stop();
    },
  };
}

/** New people with the project's player role, created through the user API as the machine user. */
async function createPlayers(
  provider: DevIdentityProvider,
  names: readonly string[],
): Promise<Credentials[]> {
  const create = await userProvisioner(provider);
  const players: Credentials[] = [];
  for (const username of names) players.push(await create(username, ['player']));
  return players;
}
