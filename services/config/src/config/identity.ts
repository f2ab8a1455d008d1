import { type PlatformIdentity, type TokenSecrets, verifyBearer } from '@trellis/kit';
import { decodeJwt } from 'jose';

export type Identify = (authorization: string | undefined) => Promise<PlatformIdentity>;

/**
 * `verifyBearer` with a memory of tokens already verified. Every instance reports to the center
 * with the same token again and again, and an HMAC check costs a trip to the crypto thread
 * pool; a verified token is remembered until it expires, for at most `ttlMs`.
 */
export function createIdentityCache(
  secrets: TokenSecrets,
  options: { ttlMs?: number; max?: number; now?: () => number } = {},
): Identify {
  const ttlMs = options.ttlMs ?? 60_000;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, { identity: PlatformIdentity; until: number }>();
  return async (authorization) => {
    const hit = authorization ? known.get(authorization) : undefined;
    if (hit && hit.until > now()) {
      return hit.identity;
    }
    const identity = await verifyBearer(authorization, secrets);
    if (authorization) {
      const { exp } = decodeJwt(authorization.replace(/^Bearer\s+/i, ''));
      const until = Math.min(now() + ttlMs, typeof exp === 'number' ? exp * 1000 : 0);
      if (known.size >= max) {
        const oldest = known.keys().next().value;
        if (oldest !== undefined) {
          known.delete(oldest);
        }
      }
      known.set(authorization, { identity, until });
    }
    return identity;
  };
}
