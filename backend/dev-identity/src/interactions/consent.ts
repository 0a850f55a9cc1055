import type Provider from 'oidc-provider';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function stringArrayEntries(value: unknown): [string, string[]][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).filter((entry): entry is [string, string[]] => isStringArray(entry[1]));
}

/**
 * Grants what the client asked for without a consent page: every client of the stand-in is
 * first-party (Zitadel asks no consent of a project's own applications either).
 * Returns the id of the grant to finish the consent prompt with.
 */
export async function grantRequested(provider: Provider, interaction: Interaction): Promise<string> {
  const accountId = interaction.session?.accountId;
  const clientId = interaction.params.client_id;
  if (accountId === undefined || typeof clientId !== 'string') {
    throw new Error('a consent interaction without a signed-in account or a client');
  }
  const existing =
    interaction.grantId === undefined ? undefined : await provider.Grant.find(interaction.grantId);
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const { details } = interaction.prompt;
  if (isStringArray(details.missingOIDCScope)) grant.addOIDCScope(details.missingOIDCScope);
  if (isStringArray(details.missingOIDCClaims)) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of stringArrayEntries(details.missingResourceScopes)) {
    grant.addResourceScope(indicator, scopes);
  }
  return grant.save();
}
