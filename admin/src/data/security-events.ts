import 'server-only';
import type { UsersComponents } from '@trellis/client';
import { securityActions } from '@trellis/users/access-terms';
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

/** The actions users records, each `ok` or `refused`. */
export const securityEventActions: readonly SecurityAction[] = securityActions;
