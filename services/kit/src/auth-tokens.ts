import type { OpenAPIHono } from '@hono/zod-openapi';
import { jwtVerify, SignJWT } from 'jose';
import { ApiError } from './errors.ts';

/**
 * Tokens between platform parts, HS256 with secrets from the environment:
 * - service tokens (`sub: service:<name>`) let a service read its own secrets from the config
 *   center and register in the registry;
 * - user tokens are the users service's access tokens (`sub: usr_…`, `roles`), which the admin
 *   forwards so the center knows who published what.
 */
export interface PlatformIdentity {
  kind: 'service' | 'user';
  /** Service name or user id. */
  subject: string;
  email?: string;
  roles: string[];
}

const servicePrefix = 'service:';

export async function issueServiceToken(
  secret: Uint8Array,
  service: string,
  ttlSeconds = 24 * 3600,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(`${servicePrefix}${service}`)
    .setIssuer('trellis-platform')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(secret);
}

export interface TokenSecrets {
  /** Verifies service tokens. */
  service: Uint8Array;
  /** Verifies users' access tokens; the users service's JWT secret. */
  user: Uint8Array;
  userIssuer?: string;
}

function unauthorized(detail: string): ApiError {
  return new ApiError('unauthorized', {
    detail,
    headers: { 'www-authenticate': 'Bearer' },
  });
}

/** Reads `Authorization: Bearer …` as a service or user identity; 401 when absent or invalid. */
export async function verifyBearer(
  authorization: string | undefined,
  secrets: TokenSecrets,
): Promise<PlatformIdentity> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) {
    throw unauthorized('A bearer token is required.');
  }
  try {
    const { payload } = await jwtVerify(token, secrets.service, { issuer: 'trellis-platform' });
    if (typeof payload.sub === 'string' && payload.sub.startsWith(servicePrefix)) {
      return { kind: 'service', subject: payload.sub.slice(servicePrefix.length), roles: [] };
    }
  } catch {
    // not a service token; try a user token below
  }
  try {
    const { payload } = await jwtVerify(token, secrets.user, {
      issuer: secrets.userIssuer ?? 'trellis-users',
    });
    if (typeof payload.sub === 'string') {
      return {
        kind: 'user',
        subject: payload.sub,
        ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
        roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      };
    }
  } catch {
    // fall through
  }
  throw unauthorized('The bearer token is invalid or expired.');
}

/** Throws 403 unless the identity holds one of the roles. */
export function requireRole(identity: PlatformIdentity, roles: readonly string[]): void {
  if (identity.kind === 'user' && identity.roles.some((role) => roles.includes(role))) {
    return;
  }
  throw new ApiError('forbidden', {
    detail: `This needs one of the roles: ${roles.join(', ')}.`,
  });
}

/** What a route taking a platform token declares as its `security`. */
export const bearerSecurity = [{ bearerAuth: [] }];

/** Documents the `bearerAuth` scheme that `bearerSecurity` names, once per router. */
export function registerBearerAuth(router: Pick<OpenAPIHono, 'openAPIRegistry'>): void {
  router.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A service token (`sub: service:<name>`) or the access token of a signed-in user.',
  });
}
