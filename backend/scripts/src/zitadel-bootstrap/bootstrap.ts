import { randomBytes } from 'node:crypto';
import { MyOrganization } from './answers.js';
import { ensureDevAccounts } from './dev-accounts.js';
import { type EnvValues, readEnvFile, writeEnvFile } from './env-file.js';
import type { BootstrapOptions } from './options.js';
import {
  type Client,
  ensureApiApplication,
  ensureMachineUser,
  ensureProject,
  ensureRoles,
  ensureWebApplication,
  newApplicationSecret,
  newMachineSecret,
} from './project-setup.js';
import { ZitadelClient } from './zitadel-client.js';

/** One line of the report: what, its id, and whether it was made, found, or given a new secret. */
export interface ReportLine {
  readonly what: string;
  readonly id: string;
  readonly outcome: string;
}

export interface BootstrapReport {
  readonly lines: readonly ReportLine[];
  readonly envFileChanged: boolean;
}

/** A secret Zitadel showed once: the one the last run wrote down, while it still belongs to the client. */
function keptSecret(
  previous: EnvValues,
  idName: string,
  secretName: string,
  client: Client,
): string | undefined {
  if (client.secret !== undefined) return client.secret;
  const secret = previous[secretName];
  return previous[idName] === client.clientId && secret !== undefined && secret !== '' ? secret : undefined;
}

function outcomeOf(client: Client, renewed: boolean): string {
  return renewed ? `${client.outcome}, new secret` : client.outcome;
}

/**
 * Finds or creates, through Zitadel's API, everything the platform signs people in with, and writes
 * the services' variables. A second run finds it all, keeps the secrets its env file holds and changes
 * nothing; a secret missing from the file (lost, or never written) is generated anew.
 */
export async function bootstrap(options: BootstrapOptions): Promise<BootstrapReport> {
  const api = new ZitadelClient(options.apiUrl, options.personalAccessToken, options.timeoutMs);
  const previous = await readEnvFile(options.outFile);
  const organization = await api.call(
    'read the organisation',
    'GET',
    '/management/v1/orgs/me',
    undefined,
    MyOrganization,
  );
  const project = await ensureProject(api);
  const roles = await ensureRoles(api, project.id);
  const web = await ensureWebApplication(api, project.id, options);
  const introspector = await ensureApiApplication(api, project.id);
  const machine = await ensureMachineUser(api);

  const webSecret = keptSecret(previous, 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', web);
  const introspectionSecret = keptSecret(
    previous,
    'ZITADEL_INTROSPECTION_CLIENT_ID',
    'ZITADEL_INTROSPECTION_CLIENT_SECRET',
    introspector,
  );
  const machineSecret = keptSecret(
    previous,
    'ZITADEL_SERVICE_CLIENT_ID',
    'ZITADEL_SERVICE_CLIENT_SECRET',
    machine,
  );

  const lines: ReportLine[] = [
    { what: 'organisation', id: organization.org.id, outcome: 'found' },
    { what: 'project', id: project.id, outcome: project.outcome },
    ...Object.entries(roles).map(([role, outcome]) => ({ what: `role ${role}`, id: role, outcome })),
    { what: 'web application', id: web.id, outcome: outcomeOf(web, webSecret === undefined) },
    { what: 'web client', id: web.clientId, outcome: web.outcome },
    {
      what: 'API application',
      id: introspector.id,
      outcome: outcomeOf(introspector, introspectionSecret === undefined),
    },
    { what: 'machine user', id: machine.id, outcome: outcomeOf(machine, machineSecret === undefined) },
  ];
  const values: EnvValues = {
    AUTH_PROVIDER: 'oidc',
    ZITADEL_ISSUER: options.issuer,
    ZITADEL_PROJECT_ID: project.id,
    ZITADEL_USER_CLIENT_IDS: web.clientId,
    ZITADEL_SERVICE_USERS: machine.id,
    ZITADEL_SERVICE_CLIENT_ID: machine.clientId,
    ZITADEL_SERVICE_CLIENT_SECRET: machineSecret ?? (await newMachineSecret(api, machine)),
    ZITADEL_INTROSPECTION_CLIENT_ID: introspector.clientId,
    ZITADEL_INTROSPECTION_CLIENT_SECRET:
      introspectionSecret ?? (await newApplicationSecret(api, project.id, introspector, 'api')),
    OIDC_CLIENT_ID: web.clientId,
    OIDC_CLIENT_SECRET: webSecret ?? (await newApplicationSecret(api, project.id, web, 'oidc')),
    OIDC_REDIRECT_URI: options.redirectUri,
    OIDC_POST_LOGOUT_REDIRECT_URI: options.postLogoutRedirectUri,
    // Seals the gateway's pending sign-ins: kept across runs so a run does not break sign-ins under way.
    OIDC_STATE_KEY: previous.OIDC_STATE_KEY ?? randomBytes(32).toString('base64url'),
  };

  if (options.devAccounts) {
    const accounts = await ensureDevAccounts(api, organization.org.id, project.id);
    for (const [username, account] of Object.entries(accounts)) {
      lines.push({ what: `user ${username}`, id: account.id, outcome: account.outcome });
    }
  }
  return { lines, envFileChanged: await writeEnvFile(options.outFile, values) };
}
