import type { Role } from './roles.ts';

/** A user whose access token was verified, on this call or by the service that forwarded it. */
export interface UserIdentity {
  id: string;
  email?: string;
  roles: Role[];
  /** The refresh-token family the access token was issued in. */
  sessionId?: string;
  /** The access token itself, forwarded when this service calls another for the user. */
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** An API key an edge service verified and named. */
export interface ApiKeyIdentity {
  id: string;
  scopes: string[];
}

/**
 * Who is calling, as verified by the kit before any route runs; `{}` for an anonymous call.
 * A service may act for a user (`service` and `user` both set).
 */
export interface Caller {
  user?: UserIdentity;
  service?: string;
  apiKey?: ApiKeyIdentity;
  /**
   * The address of the client an edge service (the gateway) says it forwards, from its
   * `x-forwarded-for`; believed from a verified edge service only.
   */
  forwardedFor?: string;
  /** The bearer was the metrics token: `/metrics` and `/resilience` only. */
  metrics?: true;
}

/** How a caller appears in logs and audit trails: `orders for usr_…`, `usr_…`, `anonymous`. */
export function describeCaller(caller: Caller): string {
  const user = caller.user ? caller.user.id : undefined;
  if (caller.service) {
    return user ? `${caller.service} for ${user}` : `service:${caller.service}`;
  }
  return user ?? (caller.metrics ? 'metrics' : 'anonymous');
}
