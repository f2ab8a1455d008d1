import type { SecurityEventRow } from '@trellis/db/schema';
import { idCursor, listRoute, registerList, type ServiceApp } from '@trellis/kit';
import type { SecurityAction, SecurityOutcome } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { listSecurityEvents } from '../../repository/security-events.ts';
import {
  ListSecurityEventsQuerySchema,
  type SecurityEvent,
  SecurityEventPageSchema,
} from './schema.ts';

export const listSecurityEventsRoute = listRoute({
  operationId: 'securityevents.list',
  path: '/v1/security-events',
  tags: ['security-events'],
  summary: 'The audit trail: sign-ins, refusals, grants, suspensions, key changes; newest first',
  access: { role: 'admin' },
  request: { query: ListSecurityEventsQuerySchema },
  page: { schema: SecurityEventPageSchema, description: 'One page of events.' },
});

function presentSecurityEvent(row: SecurityEventRow): SecurityEvent {
  return {
    ...row,
    action: row.action as SecurityAction,
    outcome: row.outcome as SecurityOutcome,
    at: row.at.toISOString(),
  };
}

export function registerListSecurityEvents(app: ServiceApp<UsersDeps>) {
  registerList(app, listSecurityEventsRoute, {
    cursor: idCursor,
    rows: ({ db }, query) => listSecurityEvents(db, query),
    present: presentSecurityEvent,
  });
}
