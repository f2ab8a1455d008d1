import { type Access, ApiError, type Caller, type Grant, holdsRole } from '@trellis/kit';

/** Reads of the center and the registry: operators, admins and the platform's services. */
export const operationsAccess = { role: 'operator', anyService: true } as const satisfies Access;

/** Editing drafts, publishing, rolling back, ending gray releases: operators and admins. */
export const editorAccess = { role: 'operator' } as const satisfies Access;

/** Approving a change request: admins (and not its author: the handler checks). */
export const approverAccess = { role: 'admin' } as const satisfies Access;

/** What a service does for itself (its schema, its reports, its instances); checked per call. */
export const serviceItselfAccess = { anyService: true } as const satisfies Access;

/** How a caller is written in releases, change requests and the audit trail. */
export function actorOf(caller: Caller): string {
  if (caller.user) {
    return caller.user.email ?? caller.user.id;
  }
  return `service:${caller.service ?? 'unknown'}`;
}

function isActor(caller: Caller, actor: string): boolean {
  return actor === actorOf(caller) || (caller.user !== undefined && actor === caller.user.id);
}

/** Four eyes on every protected change: the approver (an admin) is not the author. */
export function assertNotAuthor(caller: Caller, author: string): void {
  if (isActor(caller, author)) {
    throw new ApiError('forbidden', {
      detail: 'The author of a change cannot approve it; another admin must.',
    });
  }
}

/** Rejecting: an admin, or the author withdrawing their own request. */
export function assertRejecter(caller: Caller, author: string): 'rejected' | 'withdrawn' {
  if (caller.user && isActor(caller, author)) {
    return 'withdrawn';
  }
  if (!caller.user || !holdsRole(caller.user.roles, 'admin')) {
    throw new ApiError('forbidden', {
      detail: 'Only an admin rejects a change request; its author may withdraw it.',
    });
  }
  return 'rejected';
}

function notThisService(service: string): ApiError {
  return new ApiError('forbidden', {
    detail: `Only the ${service} service itself may do this, with its own token.`,
  });
}

/** 403 unless the caller is the service `service` itself, with its own token. */
export function assertServiceItself(caller: Caller, service: string): void {
  if (caller.service !== service) {
    throw notThisService(service);
  }
}

/** A service let in as one reads only what is its own; users let in by role read any. */
export function assertOwnIfService(grant: Grant | undefined, service: string): void {
  if (grant?.as === 'service' && grant.service !== service) {
    throw notThisService(service);
  }
}

/** Secrets are decrypted for the service they belong to, and for nobody else. */
export function revealsSecrets(caller: Caller, service: string): boolean {
  return caller.service === service;
}
