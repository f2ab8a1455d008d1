/**
 * The names users gives API key scopes and audited actions, dependency-free so the console can
 * import them (`@trellis/users/access-terms`) rather than keep copies.
 */

/** What an API key may call: `<service>:read` for GET and HEAD, `<service>:write` for the rest. */
export const apiKeyScopes = [
  'users:read',
  'users:write',
  'orders:read',
  'orders:write',
  'meetings:read',
  'meetings:write',
  'messaging:read',
  'messaging:write',
] as const;

export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** Every action the audit trail records; `outcome` says whether it happened or was refused. */
export const securityActions = [
  'session.sign_in',
  'session.refresh',
  'session.refresh_reuse',
  'session.sign_out',
  'user.roles_changed',
  'user.suspended',
  'user.reactivated',
  'api_key.created',
  'api_key.revoked',
  'signing_key.created',
  'signing_key.rotated',
] as const;

export type SecurityAction = (typeof securityActions)[number];
