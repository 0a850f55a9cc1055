import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CURRENT_PROJECT_ROLES_CLAIM,
  InvalidTokenError,
  type OidcAuthOptions,
  OidcAuthProvider,
  projectRolesClaim,
  type Role,
} from '../src/auth/index.js';
import { ORG_GRANT, PROJECT_ID, TestIssuer, WEB_APP_CLIENT } from './oidc-test-issuer.js';

const OWN_CLAIM = projectRolesClaim(PROJECT_ID);
const CI_BOT = '312345678901230001';
const GAME_SERVICE = '312345678901230002';

describe('platform roles from Zitadel claims', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  /** A token for `subject` whose role claims are exactly `roleClaims`, issued to `client`. */
  const token = (roleClaims: Record<string, unknown>, subject = 'alice', client = WEB_APP_CLIENT) => {
    const { [OWN_CLAIM]: _standard, ...claims }: JWTPayload = issuer.claims(subject);
    return issuer.sign({ ...claims, client_id: client, ...roleClaims });
  };

  const rolesOf = async (
    signed: Promise<string>,
    overrides: Partial<OidcAuthOptions> = {},
  ): Promise<readonly Role[]> => {
    const provider = new OidcAuthProvider(issuer.options(overrides));
    try {
      return (await provider.verifyAccessToken(await signed)).roles;
    } catch (error) {
      if (
        error instanceof InvalidTokenError &&
        error.description === 'the token grants no role on this platform'
      ) {
        return [];
      }
      throw error;
    }
  };

  it("reads the project's own roles claim", async () => {
    expect(await rolesOf(token({ [OWN_CLAIM]: { player: ORG_GRANT, admin: ORG_GRANT } }))).toEqual([
      'player',
      'admin',
    ]);
  });

  it("reads the current project's claim when the project's own is absent", async () => {
    expect(await rolesOf(token({ [CURRENT_PROJECT_ROLES_CLAIM]: { admin: ORG_GRANT } }))).toEqual(['admin']);
  });

  it("prefers the project's own claim: the current project may be another client's", async () => {
    const claims = {
      [OWN_CLAIM]: { player: ORG_GRANT },
      [CURRENT_PROJECT_ROLES_CLAIM]: { admin: ORG_GRANT },
    };
    expect(await rolesOf(token(claims))).toEqual(['player']);
  });

  it.each([
    ['a list (the shape of an old documentation example)', ['player', 'admin']],
    ['a string', 'admin'],
    ['null', null],
    ['roles whose grants are not objects', { admin: 'org', player: ['org'] }],
  ])('grants nothing from a claim that is %s, without failing', async (_case, claim) => {
    expect(await rolesOf(token({ [OWN_CLAIM]: claim }))).toEqual([]);
    expect(await rolesOf(token({ [CURRENT_PROJECT_ROLES_CLAIM]: claim }))).toEqual([]);
  });

  it('ignores Zitadel roles the map does not name, and roles inherited by every object', async () => {
    const claims = { [OWN_CLAIM]: { editor: ORG_GRANT, player: ORG_GRANT } };
    expect(await rolesOf(token(claims))).toEqual(['player']);
    expect(await rolesOf(token({ [OWN_CLAIM]: { editor: ORG_GRANT } }))).toEqual([]);
    expect(await rolesOf(token({}))).toEqual([]);
    const inherited = { roleMap: [{ zitadelRole: 'constructor', platformRole: 'admin' as const }] };
    expect(await rolesOf(token({ [OWN_CLAIM]: {} }), inherited)).toEqual([]);
  });

  it('maps through the configured role map', async () => {
    const roleMap = [
      { zitadelRole: 'quizmaster', platformRole: 'admin' as const },
      { zitadelRole: 'member', platformRole: 'player' as const },
    ];
    const claims = { [OWN_CLAIM]: { quizmaster: ORG_GRANT, member: ORG_GRANT, player: ORG_GRANT } };
    expect(await rolesOf(token(claims), { roleMap })).toEqual(['player', 'admin']);
  });

  describe('machines', () => {
    const adminGrant = { [OWN_CLAIM]: { admin: ORG_GRANT, player: ORG_GRANT } };

    it('takes admin from a machine token whose subject is not a listed machine admin', async () => {
      expect(await rolesOf(token(adminGrant, CI_BOT, 'ci-bot'))).toEqual(['player']);
      expect(await rolesOf(token({ [OWN_CLAIM]: { admin: ORG_GRANT } }, CI_BOT, 'ci-bot'))).toEqual([]);
    });

    it('leaves admin to a listed machine admin', async () => {
      expect(await rolesOf(token(adminGrant, CI_BOT, 'ci-bot'), { machineAdmins: [CI_BOT] })).toEqual([
        'player',
        'admin',
      ]);
    });

    it("counts a token naming a client that is not a sign-in application, or none, as a machine's", async () => {
      expect(await rolesOf(token(adminGrant, 'alice', CI_BOT))).toEqual(['player']);
      const { client_id: _client, ...withoutClient }: JWTPayload = {
        ...issuer.claims('alice'),
        ...adminGrant,
      };
      expect(await rolesOf(issuer.sign(withoutClient))).toEqual(['player']);
    });

    it('takes the client from azp when there is no client_id', async () => {
      const { client_id: _client, ...claims }: JWTPayload = { ...issuer.claims('alice'), ...adminGrant };
      expect(await rolesOf(issuer.sign({ ...claims, azp: WEB_APP_CLIENT }))).toEqual(['player', 'admin']);
    });

    it('gives the service role to a listed service user, with or without project roles', async () => {
      const options = { serviceUsers: [GAME_SERVICE] };
      expect(await rolesOf(token({}, GAME_SERVICE, 'game-service'), options)).toEqual(['service']);
      expect(await rolesOf(token(adminGrant, GAME_SERVICE, 'game-service'), options)).toEqual([
        'player',
        'service',
      ]);
      expect(await rolesOf(token({}, GAME_SERVICE, 'game-service'))).toEqual([]);
    });

    it('counts a service user as a machine even through a sign-in application', async () => {
      const options = { serviceUsers: [GAME_SERVICE] };
      expect(await rolesOf(token(adminGrant, GAME_SERVICE, WEB_APP_CLIENT), options)).toEqual([
        'player',
        'service',
      ]);
    });
  });
});
