import type { ConsoleRole } from './session-token';

/** The console role a user's roles give, if any: admin outranks operator; members get none. */
export function consoleRoleOf(roles: readonly string[]): ConsoleRole | undefined {
  if (roles.includes('admin')) {
    return 'admin';
  }
  if (roles.includes('operator')) {
    return 'operator';
  }
  return undefined;
}

/** What only an admin may do; everything else in the console is open to operators too. */
const adminOnly = {
  'users.suspend': 'suspend users',
  'users.reactivate': 'reactivate users',
  'users.grantRoles': 'grant the operator or admin role',
  'orders.refund': 'refund orders',
  'config.approve': 'approve or reject config changes',
  'apiKeys.manage': 'see, create or revoke API keys',
  'audit.read': 'read the security audit trail',
  'messaging.deadLetters.manage': 'replay, edit and resend or discard dead letters',
  'messaging.webhooks.manage': 'replay webhook deliveries or enable, disable or delete endpoints',
} as const;

export type Permission =
  | keyof typeof adminOnly
  | 'users.create'
  | 'orders.create'
  | 'orders.pay'
  | 'orders.cancel'
  | 'orders.fulfill'
  | 'meetings.create'
  | 'meetings.rsvp'
  | 'meetings.cancel'
  | 'config.edit';

export function may(role: ConsoleRole, permission: Permission): boolean {
  return role === 'admin' || !(permission in adminOnly);
}

/** The sentence an operator sees when the server refuses an admin-only action. */
export function refusal(permission: Permission): string {
  const what = adminOnly[permission as keyof typeof adminOnly] ?? 'do this';
  return `Only admins may ${what}.`;
}
