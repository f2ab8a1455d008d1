import 'server-only';
import type { UsersComponents } from '@trellis/client';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';

export type SecurityEvent = UsersComponents['schemas']['SecurityEvent'];
export type SecurityEventPage = UsersComponents['schemas']['SecurityEventPage'];
export type SecurityAction = UsersComponents['schemas']['SecurityAction'];

export interface SecurityEventQuery {
  action?: SecurityAction | undefined;
  cursor?: string | undefined;
}

export function listSecurityEvents(
  caller: Caller,
  query: SecurityEventQuery,
): Promise<Outcome<SecurityEventPage>> {
  return outcomeOf(
    serviceClient('users').GET('/v1/security-events', {
      headers: asOperator(caller),
      params: {
        query: {
          limit: 50,
          ...(query.action ? { action: query.action } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
        },
      },
    }),
  );
}

/** The actions users records (services/users/src/audit.ts), each `ok` or `refused`. */
export const securityEventActions: readonly SecurityAction[] = [
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
];
