import { type Access, ApiError, actingUser, assertOwns, holdsRole } from '@trellis/kit';
import type { Context } from 'hono';
import type { PushDeps } from '../deps.ts';
import { type EndpointRow, findEndpoint } from '../repository.ts';

/** Reading: a member their own endpoints, operators and admins any. */
export const readEndpoints = { owner: true, role: 'operator' } as const satisfies Access;
/**
 * Registering: any signed-in user, and the endpoint is theirs (there is no one else's to make
 * it for); only admins may take scope `all` (checked by the handler).
 */
export const registerEndpoints = { role: 'member' } as const satisfies Access;
/** Changing: a member their own endpoints, admins any. */
export const manageEndpoints = { owner: true, role: 'admin' } as const satisfies Access;

export class EndpointNotFound extends ApiError {
  constructor(id: string) {
    super('not_found', { detail: `No webhook endpoint ${id}.` });
  }
}

export class DeliveryNotFound extends ApiError {
  constructor(id: string) {
    super('not_found', { detail: `No webhook delivery ${id}.` });
  }
}

/** The endpoint if it exists and the caller may act on it (403 if someone else's). */
export async function endpointFor(c: Context, deps: PushDeps, id: string): Promise<EndpointRow> {
  const endpoint = await findEndpoint(deps.db, id);
  if (!endpoint) {
    throw new EndpointNotFound(id);
  }
  assertOwns(c, endpoint.ownerId, 'webhook endpoints');
  return endpoint;
}

/** 403 unless the caller is an admin: an `all` endpoint hears of everyone's events. */
export function assertMayTakeAll(c: Context): void {
  const user = actingUser(c);
  if (!user || !holdsRole(user.roles, 'admin')) {
    throw new ApiError('forbidden', {
      detail: 'Only admins may make an endpoint of scope `all` (every user’s events).',
    });
  }
}

/** 422 naming `eventTypes` unless each is a pushable topic. */
export function assertKnownEventTypes(deps: PushDeps, eventTypes: readonly string[]): void {
  const known = new Set(deps.pushTopics.filter((t) => t.pushable).map((t) => t.name));
  const unknown = eventTypes.filter((type) => !known.has(type));
  if (unknown.length > 0) {
    throw new ApiError('unprocessable', {
      detail: `Unknown event types: ${unknown.join(', ')}. See GET /v1/topics.`,
      errors: unknown.map((type) => ({
        in: 'body' as const,
        path: `eventTypes[${eventTypes.indexOf(type)}]`,
        message: `${type} is not a pushable topic`,
      })),
    });
  }
}

/** Who did it, for the audit. */
export function actorOf(c: Context): string {
  return actingUser(c)?.id ?? 'unknown';
}
