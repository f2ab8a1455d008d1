import { hkdfSync } from 'node:crypto';
import { decodeJwt, EncryptJWT, jwtDecrypt } from 'jose';
import { consoleRoleOf } from './permissions';

export type ConsoleRole = 'admin' | 'operator';

export const sessionCookie = 'trellis_session';

/**
 * What the session cookie carries, encrypted: who signed in, with which console role, and the
 * users service's tokens. The access token goes to every service the console calls; the refresh
 * token renews it, so the role and the user's standing are rechecked by users at each renewal.
 */
export interface Session {
  userId: string;
  email: string;
  name: string;
  role: ConsoleRole;
  /** The users service's refresh family (`sid`): signing out revokes it. */
  sessionId: string;
  accessToken: string;
  /** Seconds since the epoch when the access token expires. */
  accessExpiresAt: number;
  /** Seconds since the epoch from when the console renews the access token before using it. */
  renewAt: number;
  refreshToken: string;
  /** Seconds since the epoch when the console session ends, however often it was renewed. */
  expiresAt: number;
}

/**
 * The session cookie's attributes: httpOnly, SameSite=Lax, Secure whenever the console is
 * served over https, and gone when the session ends.
 */
export function sessionCookieOptions(session: Pick<Session, 'expiresAt'>, secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    maxAge: Math.max(1, Math.floor(session.expiresAt - Date.now() / 1000)),
  };
}

const audience = 'trellis-admin';
const algorithms = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };

/** The AES-256-GCM key behind the cookie, derived from the configured secret. */
export function deriveSessionKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'trellis-admin', 'session-cookie', 32));
}

/**
 * When to renew an access token that lasts `expiresInSeconds` from `issuedAt`: in the last third
 * of its life (at most the last minute), so a page's calls never carry a token that expires on
 * the way.
 */
export function renewalTime(issuedAt: number, expiresInSeconds: number): number {
  return issuedAt + expiresInSeconds - Math.min(60, expiresInSeconds / 3);
}

/** Encrypts a session (`dir` + `A256GCM`): the browser can neither read nor alter it. */
export async function sealSession(session: Session, key: Uint8Array, now = new Date()) {
  const { userId, expiresAt, ...claims } = session;
  return new EncryptJWT({ ...claims })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setSubject(userId)
    .setAudience(audience)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(expiresAt)
    .encrypt(key);
}

const textClaims = ['email', 'name', 'sessionId', 'accessToken', 'refreshToken'] as const;

/** The session in a cookie value, or undefined when it is missing, forged, tampered or expired. */
export async function openSession(
  token: string | undefined,
  key: Uint8Array,
  now = new Date(),
): Promise<Session | undefined> {
  if (!token) {
    return undefined;
  }
  try {
    const { payload } = await jwtDecrypt(token, key, {
      ...algorithms,
      audience,
      currentDate: now,
      requiredClaims: ['sub', 'exp'],
    });
    const { sub, role, accessExpiresAt, renewAt, exp } = payload;
    if (
      typeof sub !== 'string' ||
      (role !== 'admin' && role !== 'operator') ||
      typeof accessExpiresAt !== 'number' ||
      typeof renewAt !== 'number' ||
      typeof exp !== 'number' ||
      textClaims.some((claim) => typeof payload[claim] !== 'string')
    ) {
      return undefined;
    }
    const text = payload as Record<(typeof textClaims)[number], string>;
    return {
      userId: sub,
      email: text.email,
      name: text.name,
      role,
      sessionId: text.sessionId,
      accessToken: text.accessToken,
      accessExpiresAt,
      renewAt,
      refreshToken: text.refreshToken,
      expiresAt: exp,
    };
  } catch {
    return undefined;
  }
}

/** What users answers on sign-in and on refresh (docs/identity.md, "Users' session API"). */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
  user: { id: string; email: string; name: string; roles: string[] };
}

export type Issued =
  | { ok: true; session: Session }
  /** Signed in, but the access token's roles give no console role. */
  | { ok: false; roles: string[] };

function claimsOf(token: string): Record<string, unknown> {
  try {
    return decodeJwt(token);
  } catch {
    return {};
  }
}

/**
 * The console session for tokens users just issued. The role comes from the access token's own
 * `roles`, trusted because the console received it from users itself; a session never outlives
 * `endsBy` (the first sign-in's limit) nor the refresh token.
 */
export function sessionFrom(issued: IssuedTokens, endsBy: number, now = new Date()): Issued {
  const claims = claimsOf(issued.accessToken);
  const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  const role = consoleRoleOf(roles);
  if (!role) {
    return { ok: false, roles };
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  return {
    ok: true,
    session: {
      userId: issued.user.id,
      email: issued.user.email,
      name: issued.user.name,
      role,
      sessionId: typeof claims.sid === 'string' ? claims.sid : '',
      accessToken: issued.accessToken,
      accessExpiresAt: issuedAt + issued.expiresIn,
      renewAt: renewalTime(issuedAt, issued.expiresIn),
      refreshToken: issued.refreshToken,
      expiresAt: Math.min(endsBy, issuedAt + issued.refreshExpiresIn),
    },
  };
}
