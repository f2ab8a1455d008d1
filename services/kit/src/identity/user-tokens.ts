import { decodeProtectedHeader, importJWK, type JWK, type JWTPayload, jwtVerify } from 'jose';
import type { UserIdentity } from './caller.ts';
import { knownRoles } from './roles.ts';

/** User access tokens: what users signs and every service checks. */
export const userTokenAlgorithm = 'EdDSA';
export const userTokenIssuer = 'trellis-users';
export const userTokenAudience = 'trellis';

/** Finds the public key of a `kid`; undefined when no such key is (or was ever) published. */
export type UserKeyResolver = (kid: string) => Promise<CryptoKey | Uint8Array | undefined>;

export interface JwksSourceOptions {
  /** Reads the JWKS, e.g. `GET <users>/.well-known/jwks.json`. */
  fetchJwks: () => Promise<{ keys: JWK[] }>;
  /** Fetches for unknown kids are at least this far apart (ms), so forged kids cannot flood users. */
  minRefetchMs?: number;
  /** Known keys are refetched after this long (ms), to drop retired ones. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Keys from a JWKS, fetched on first use, again when a token names a kid not seen yet (a
 * rotation: users publishes the new key as it starts signing with it) and after `maxAgeMs`.
 * Concurrent lookups share one fetch, and fetches are at least `minRefetchMs` apart, so forged
 * kids cost users one JWKS read a second at most.
 */
export function jwksKeyResolver(options: JwksSourceOptions): UserKeyResolver {
  const minRefetchMs = options.minRefetchMs ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let keys = new Map<string, Promise<CryptoKey | Uint8Array>>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    inFlight ??= (async () => {
      try {
        const { keys: published } = await options.fetchJwks();
        const next = new Map<string, Promise<CryptoKey | Uint8Array>>();
        for (const jwk of published) {
          if (typeof jwk.kid === 'string') {
            next.set(jwk.kid, keys.get(jwk.kid) ?? importJWK(jwk, userTokenAlgorithm));
          }
        }
        keys = next;
        fetchedAt = now();
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  // An unknown kid inside the cooldown waits for the next fetch instead of failing: a key that
  // was rotated in just after our last fetch is then found a moment later.
  let scheduled: Promise<void> | undefined;
  const refreshAfter = (waitMs: number): Promise<void> => {
    scheduled ??= new Promise<void>((resolve) => setTimeout(resolve, waitMs))
      .then(refresh)
      .finally(() => {
        scheduled = undefined;
      });
    return scheduled;
  };

  return async (kid) => {
    const age = now() - fetchedAt;
    if (age > maxAgeMs || !keys.has(kid)) {
      const wait = keys.has(kid) ? 0 : Math.max(0, minRefetchMs - age);
      await (wait > 0 ? refreshAfter(wait) : refresh()).catch((error: unknown) => {
        if (keys.size === 0) {
          throw error;
        }
        // Keep verifying with the keys we have while the JWKS cannot be read.
      });
    }
    return keys.get(kid);
  };
}

/** Reads a JWKS over HTTP, with a deadline. */
export function httpJwks(url: string, timeoutMs = 2000): () => Promise<{ keys: JWK[] }> {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      throw new Error(`GET ${url} answered ${response.status}`);
    }
    const body = (await response.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) {
      throw new Error(`GET ${url} is not a JWKS`);
    }
    return { keys: body.keys as JWK[] };
  };
}

export type UserTokenVerifier = (token: string) => Promise<UserIdentity>;

/** The user a verified access token names. */
export function userFromClaims(token: string, payload: JWTPayload): UserIdentity {
  return {
    id: String(payload.sub),
    ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
    roles: knownRoles(payload.roles),
    ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}),
    token,
    expiresAt: payload.exp ?? 0,
  };
}

/**
 * Checks a user's access token: EdDSA only (no `none`, no HMAC), a key users published,
 * users' issuer, the platform audience, unexpired. Throws on anything else.
 */
export function userTokenVerifier(
  resolveKey: UserKeyResolver,
  options: { issuer?: string; audience?: string; currentDate?: () => Date } = {},
): UserTokenVerifier {
  return async (token) => {
    const { kid, alg } = decodeProtectedHeader(token);
    if (alg !== userTokenAlgorithm || typeof kid !== 'string') {
      throw new Error('not an EdDSA token with a kid');
    }
    const key = await resolveKey(kid);
    if (!key) {
      throw new Error(`no published key ${kid}`);
    }
    const { payload } = await jwtVerify(token, key, {
      algorithms: [userTokenAlgorithm],
      issuer: options.issuer ?? userTokenIssuer,
      audience: options.audience ?? userTokenAudience,
      requiredClaims: ['exp', 'sub'],
      ...(options.currentDate ? { currentDate: options.currentDate() } : {}),
    });
    return userFromClaims(token, payload);
  };
}
