import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';
import type { Caller, UserIdentity } from './caller.ts';
import { unauthorized } from './identify.ts';
import { holdsRole, type Role } from './roles.ts';

/**
 * Who may call a route; every route declares it (default deny). Grants add up: a route for
 * `{ owner: true, role: 'operator', services: ['orders'] }` admits the owner, operators and
 * admins, and the orders service.
 */
export interface Access {
  /** Anyone, signed in or not. */
  public?: true;
  /** Signed-in users holding at least this role; `member` is anyone signed in. */
  role?: Role;
  /** Signed-in users acting on what they own; the handler checks with `assertOwns`. */
  owner?: true;
  /** These services, calling with their own token, whoever they act for. */
  services?: readonly string[];
  /**
   * Any service in the platform's trust set, with its own token: for the platform's own surfaces
   * (the config center and the registry) that every service uses; the handler narrows it when
   * a service may act only on what is its own.
   */
  anyService?: true;
  /** The metrics token too (`/metrics`, `/resilience`, Prometheus' service discovery). */
  metrics?: true;
}

/** Which grant of the route's access let the call in. */
export type Grant =
  | { as: 'public'; user?: UserIdentity }
  | { as: 'service'; service: string; user?: UserIdentity }
  | { as: 'metrics' }
  | { as: 'staff'; user: UserIdentity }
  | { as: 'member'; user: UserIdentity }
  | { as: 'owner'; user: UserIdentity };

/** The grant `access` gives `caller`, or undefined when it gives none. */
export function grantFor(access: Access, caller: Caller): Grant | undefined {
  const { user, service } = caller;
  if (service && (access.anyService || access.services?.includes(service))) {
    return { as: 'service', service, ...(user ? { user } : {}) };
  }
  if (caller.metrics && access.metrics) {
    return { as: 'metrics' };
  }
  if (user && access.role && holdsRole(user.roles, access.role)) {
    return access.role === 'member' ? { as: 'member', user } : { as: 'staff', user };
  }
  if (user && access.owner) {
    return { as: 'owner', user };
  }
  if (access.public) {
    return { as: 'public', ...(user ? { user } : {}) };
  }
  return undefined;
}

function refusal(access: Access, caller: Caller): ApiError {
  if (!caller.user && !caller.service && !caller.metrics) {
    return unauthorized('This needs credentials: `Authorization: Bearer <token>`.', false);
  }
  const who: string[] = [];
  if (access.owner) {
    who.push('the owner');
  }
  if (access.role) {
    who.push(access.role === 'member' ? 'a signed-in user' : `an ${access.role} or above`);
  }
  if (access.anyService) {
    who.push('a service of the platform');
  } else if (access.services?.length) {
    who.push(`the ${access.services.join(' or ')} service`);
  }
  if (access.metrics) {
    who.push('the metrics token');
  }
  return new ApiError('forbidden', {
    detail: who.length ? `Only ${who.join(', ')} may do this.` : 'Nobody may call this.',
  });
}

/** Decides the call against the route's access before its input is even read. */
export function accessGuard(access: Access): MiddlewareHandler {
  return async (c, next) => {
    const caller = (c.get('caller') as Caller | undefined) ?? {};
    const grant = grantFor(access, caller);
    if (!grant) {
      throw refusal(access, caller);
    }
    c.set('grant', grant);
    return next();
  };
}

function grantOf(c: Context): Grant {
  const grant = c.get('grant') as Grant | undefined;
  if (!grant) {
    throw new Error('no access grant on this request: is the route made with the kit createRoute?');
  }
  return grant;
}

/** The verified caller of the current request; `{}` when anonymous. */
export function callerOfRequest(c: Context): Caller {
  return (c.get('caller') as Caller | undefined) ?? {};
}

/** The signed-in user the call is made by or for, if any. */
export function actingUser(c: Context): UserIdentity | undefined {
  return callerOfRequest(c).user;
}

/**
 * 403 unless the call may act on something `ownerId` owns: it is theirs, or the call was let
 * in as staff, a listed service or a member-wide grant.
 */
export function assertOwns(c: Context, ownerId: string, what = 'this'): void {
  const grant = grantOf(c);
  if (grant.as === 'owner' && grant.user.id !== ownerId) {
    throw new ApiError('forbidden', { detail: `You may only act on ${what} of your own.` });
  }
}

/** Whether the call may act on something `ownerId` owns (see `assertOwns`). */
export function mayActOn(c: Context, ownerId: string): boolean {
  const grant = grantOf(c);
  return grant.as !== 'owner' || grant.user.id === ownerId;
}

/** The user a list must be narrowed to (an owner sees only their own), else undefined. */
export function ownerFilter(c: Context): string | undefined {
  const grant = grantOf(c);
  return grant.as === 'owner' ? grant.user.id : undefined;
}
