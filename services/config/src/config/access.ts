import { ApiError, type PlatformIdentity, requireRole } from '@trellis/kit';

/** How an identity is written in releases, change requests and the audit trail. */
export function actorOf(identity: PlatformIdentity): string {
  if (identity.kind === 'service') {
    return `service:${identity.subject}`;
  }
  return identity.email ?? identity.subject;
}

function isActor(identity: PlatformIdentity, actor: string): boolean {
  return actor === actorOf(identity) || actor === identity.subject;
}

/** Editing drafts, publishing, rolling back and ending gray releases. */
export function assertEditor(identity: PlatformIdentity): void {
  requireRole(identity, ['operator', 'admin']);
}

/** Approving needs an admin who is not the author: four eyes on every protected change. */
export function assertApprover(identity: PlatformIdentity, author: string): void {
  requireRole(identity, ['admin']);
  if (isActor(identity, author)) {
    throw new ApiError('forbidden', {
      detail: 'The author of a change cannot approve it; another admin must.',
    });
  }
}

/** Rejecting: an admin, or the author withdrawing their own request. */
export function assertRejecter(
  identity: PlatformIdentity,
  author: string,
): 'rejected' | 'withdrawn' {
  if (identity.kind === 'user' && isActor(identity, author)) {
    return 'withdrawn';
  }
  requireRole(identity, ['admin']);
  return 'rejected';
}

/** Only a service itself uploads its schema and reports what its instances applied. */
export function assertServiceItself(identity: PlatformIdentity, service: string): void {
  if (identity.kind !== 'service' || identity.subject !== service) {
    throw new ApiError('forbidden', {
      detail: `Only the ${service} service itself may do this, with its service token.`,
    });
  }
}

/** Secrets are decrypted for the service they belong to, and for nobody else. */
export function revealsSecrets(identity: PlatformIdentity, service: string): boolean {
  return identity.kind === 'service' && identity.subject === service;
}
