/**
 * The root of every feature's query keys, in one place. Features build their
 * keys from these (`invitationQueries.all()` is `queryKeys.invitations()`),
 * and a feature that must refresh another's data (members → invitations after
 * "Send again from me") invalidates by the root named here, never by a key
 * typed by hand that would silently stop matching if the owner renamed it.
 */
export const queryKeys = {
  auth: () => ['auth'] as const,
  apiKeys: () => ['api-keys'] as const,
  audit: () => ['audit'] as const,
  clouds: () => ['clouds'] as const,
  dev: () => ['dev'] as const,
  devMailbox: () => ['dev-mailbox'] as const,
  groups: () => ['groups'] as const,
  invitations: () => ['invitations'] as const,
  members: () => ['members'] as const,
  scimTokens: () => ['scim-tokens'] as const,
  security: () => ['security'] as const,
  sso: () => ['sso'] as const,
  serviceAccounts: () => ['service-accounts'] as const,
  workloads: () => ['workloads'] as const,
};
