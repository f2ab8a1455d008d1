import type { Database, Tx } from '@trellis/db';
import { callerOfRequest, clientAddress, describeCaller } from '@trellis/kit';
import type { Context } from 'hono';
import type { SecurityAction } from './access-terms.ts';
import { insertSecurityEvent } from './repository/security-events.ts';

export { type SecurityAction, securityActions } from './access-terms.ts';

export const securityOutcomes = ['ok', 'refused'] as const;

export type SecurityOutcome = (typeof securityOutcomes)[number];

/** Who asked and from where: the part of an audit entry the request tells. */
export interface RequestOrigin {
  actor: string | null;
  sourceAddress: string | null;
  userAgent: string | null;
}

/** The origin of work nobody asked for, such as the first signing key made at start. */
export const systemOrigin: RequestOrigin = {
  actor: 'system',
  sourceAddress: null,
  userAgent: null,
};

export interface SecurityEvent {
  action: SecurityAction;
  outcome: SecurityOutcome;
  subject?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes one entry of the audit trail, on the transaction of the change it records if any. */
export function recordSecurityEvent(
  db: Database | Tx,
  origin: RequestOrigin,
  event: SecurityEvent,
  at: Date,
): Promise<void> {
  return insertSecurityEvent(
    db,
    {
      ...origin,
      action: event.action,
      outcome: event.outcome,
      subject: event.subject ?? null,
      detail: event.detail ?? {},
    },
    at,
  );
}

/**
 * Who made the request (the verified caller: `usr_…`, `service:orders`, `orders for usr_…`,
 * `anonymous`), the address it came from (the connection's peer) and its user agent.
 */
export function originOf(c: Context): RequestOrigin {
  return {
    actor: describeCaller(callerOfRequest(c)),
    sourceAddress: clientAddress(c) ?? null,
    userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null,
  };
}

/** Audits the first signing key, made at start by no one's request. */
export function auditFirstKey(now: () => Date) {
  return (tx: Tx, kid: string) =>
    recordSecurityEvent(
      tx,
      systemOrigin,
      { action: 'signing_key.created', outcome: 'ok', subject: kid },
      now(),
    );
}
