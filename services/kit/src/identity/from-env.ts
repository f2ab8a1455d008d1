import type { PlatformEnv } from '../platform/env.ts';
import type { IdentitySettings } from './identify.ts';
import {
  httpJwks,
  jwksKeyResolver,
  type UserTokenVerifier,
  userTokenVerifier,
} from './user-tokens.ts';

/**
 * How a service checks credentials, from its environment: users' JWKS at `JWKS_URL` (unless it
 * verifies user tokens itself, as users does), the services' trust set and the metrics token.
 */
export function identityFromEnv(
  env: Partial<Pick<PlatformEnv, 'JWKS_URL' | 'SERVICE_PUBLIC_KEYS' | 'METRICS_TOKEN'>>,
  verifyUser?: UserTokenVerifier,
): IdentitySettings {
  const fromJwks = env.JWKS_URL
    ? userTokenVerifier(jwksKeyResolver({ fetchJwks: httpJwks(env.JWKS_URL) }))
    : undefined;
  const verify = verifyUser ?? fromJwks;
  return {
    ...(verify ? { verifyUser: verify } : {}),
    serviceKeys: env.SERVICE_PUBLIC_KEYS ?? {},
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
  };
}
