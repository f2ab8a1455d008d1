import type { MiddlewareHandler } from 'hono';
import type { JWK } from 'jose';
import { ApiError } from '../errors.ts';
import type { ApiKeyIdentity, Caller, UserIdentity } from './caller.ts';
import {
  claimsToBeService,
  serviceTokenVerifier,
  type VerifiedServiceToken,
} from './service-keys.ts';
import type { UserTokenVerifier } from './user-tokens.ts';

/** What a service checks its callers' credentials with. */
export interface IdentitySettings {
  /** Verifies users' access tokens: from users' JWKS, or users' own key store. */
  verifyUser?: UserTokenVerifier;
  /** The platform's trust set of services' public keys (`SERVICE_PUBLIC_KEYS`). */
  serviceKeys?: Record<string, JWK | JWK[]>;
  /** The bearer `/metrics` and `/resilience` accept beside service tokens (`METRICS_TOKEN`). */
  metricsToken?: string;
  /** Services trusted to name a verified API key in `x-trellis-api-key`; `['gateway']`. */
  edgeServices?: readonly string[];
  /** Epoch ms; for the verified-token cache. */
  now?: () => number;
  /**
   * Verified tokens remembered until they expire; 50 000 by default. 0 checks every token's
   * signature on every request: only to measure what the cache saves.
   */
  verifiedTokenCacheSize?: number;
}

export const userTokenHeader = 'x-trellis-user-token';
export const apiKeyHeader = 'x-trellis-api-key';

/** 401 with the `WWW-Authenticate` challenge RFC 6750 asks for. */
export function unauthorized(detail: string, invalidToken = true): ApiError {
  return new ApiError('unauthorized', {
    detail,
    headers: {
      'www-authenticate': invalidToken ? 'Bearer error="invalid_token"' : 'Bearer',
    },
  });
}

/** Same-length strings compared without an early exit, so timing does not leak the token. */
function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  }
  return difference === 0;
}

type Verified = { user: UserIdentity } | { service: VerifiedServiceToken };

/**
 * Remembers tokens already verified until they expire: a service presents the same token for
 * minutes and a user for their access token's life, and a signature check costs far more
 * than a map lookup. Bounded; the oldest entry goes first.
 */
function verifiedCache(max: number, now: () => number) {
  const known = new Map<string, Verified>();
  if (max <= 0) {
    return { get: (_token: string): Verified | undefined => undefined, set: () => {} };
  }
  return {
    get(token: string): Verified | undefined {
      const hit = known.get(token);
      if (!hit) {
        return undefined;
      }
      const expiresAt = 'user' in hit ? hit.user.expiresAt : hit.service.expiresAt;
      if (expiresAt * 1000 <= now()) {
        known.delete(token);
        return undefined;
      }
      return hit;
    },
    set(token: string, verified: Verified) {
      if (known.size >= max) {
        const oldest = known.keys().next().value;
        if (oldest !== undefined) {
          known.delete(oldest);
        }
      }
      known.set(token, verified);
    },
  };
}

function parseApiKeyHeader(value: string | undefined): ApiKeyIdentity | undefined {
  const match = value?.match(/^([A-Za-z0-9_-]{1,64})(?: ([a-z:,]*))?$/);
  if (!match?.[1]) {
    return undefined;
  }
  return { id: match[1], scopes: match[2] ? match[2].split(',').filter(Boolean) : [] };
}

/** Verifies the credentials of a request and says who is calling; throws a 401 when invalid. */
export type IdentifyRequest = (headers: {
  authorization?: string | undefined;
  userToken?: string | undefined;
  apiKey?: string | undefined;
  forwardedFor?: string | undefined;
}) => Promise<Caller>;

export function createIdentify(service: string, settings: IdentitySettings): IdentifyRequest {
  const now = settings.now ?? Date.now;
  const cache = verifiedCache(settings.verifiedTokenCacheSize ?? 50_000, now);
  const verifyService = serviceTokenVerifier(settings.serviceKeys ?? {}, service);
  const edge = new Set(settings.edgeServices ?? ['gateway']);

  const verify = async (token: string, asUser: boolean): Promise<Verified> => {
    const hit = cache.get(token);
    if (hit && (!asUser || 'user' in hit)) {
      return hit;
    }
    let verified: Verified;
    try {
      verified =
        !asUser && claimsToBeService(token)
          ? { service: await verifyService(token) }
          : { user: await (settings.verifyUser ?? refuseUsers)(token) };
    } catch {
      throw unauthorized('The bearer token is invalid or expired.');
    }
    cache.set(token, verified);
    return verified;
  };

  return async ({ authorization, userToken, apiKey, forwardedFor }) => {
    if (!authorization) {
      return {};
    }
    const token = authorization.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!token) {
      throw unauthorized('Send credentials as `Authorization: Bearer <token>`.');
    }
    if (settings.metricsToken && sameSecret(token, settings.metricsToken)) {
      return { metrics: true };
    }
    const verified = await verify(token, false);
    if ('user' in verified) {
      return { user: verified.user };
    }
    const caller: Caller = { service: verified.service.service };
    if (userToken) {
      const forwarded = await verify(userToken, true);
      if ('user' in forwarded) {
        caller.user = forwarded.user;
      }
    }
    if (!edge.has(caller.service ?? '')) {
      return caller;
    }
    const key = parseApiKeyHeader(apiKey);
    if (key) {
      caller.apiKey = key;
    }
    // The edge names one address, the peer it was called by.
    const address = forwardedFor?.split(',').at(-1)?.trim();
    if (address) {
      caller.forwardedFor = address;
    }
    return caller;
  };
}

async function refuseUsers(): Promise<UserIdentity> {
  throw new Error('this service verifies no user tokens');
}

/** Paths answered without looking at credentials: probes and documentation. */
const openPaths = /^\/(healthz|readyz|openapi\.json|docs)(\/|$)/;

/**
 * Sets `caller` on every request from its verified credentials, before the resilience engine
 * (whose caller-keyed rules read it) and the routes (whose access guard decides on it).
 */
export function identifyCallers(identify: IdentifyRequest): MiddlewareHandler {
  return async (c, next) => {
    if (openPaths.test(c.req.path)) {
      c.set('caller', {});
      return next();
    }
    c.set(
      'caller',
      await identify({
        authorization: c.req.header('authorization'),
        userToken: c.req.header(userTokenHeader),
        apiKey: c.req.header(apiKeyHeader),
        forwardedFor: c.req.header('x-forwarded-for'),
      }),
    );
    return next();
  };
}
