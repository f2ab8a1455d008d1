import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

export type ConsoleRole = 'admin' | 'operator';

export const sessionCookie = 'trellis_session';

/**
 * What the session cookie carries, encrypted: who signed in, with which console role, and the
 * users service's access token, which the console forwards to services that need to know who
 * acts (the config center). The session never outlives that token.
 */
export interface Session {
  userId: string;
  email: string;
  name: string;
  role: ConsoleRole;
  accessToken: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const audience = 'trellis-admin';
const algorithms = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };

/** The AES-256-GCM key behind the cookie, derived from the configured secret. */
export function deriveSessionKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'trellis-admin', 'session-cookie', 32));
}

/**
 * Seconds a new session lasts: the configured time, but never past the access token it holds
 * (a few seconds early, so no call goes out with a token that expires on the way).
 */
export function sessionLifetime(configuredSeconds: number, tokenExpiresInSeconds: number): number {
  return Math.max(1, Math.min(configuredSeconds, tokenExpiresInSeconds - 5));
}

/** Encrypts a session (`dir` + `A256GCM`): the browser can neither read nor alter it. */
export async function sealSession(
  session: Omit<Session, 'expiresAt'>,
  key: Uint8Array,
  ttlSeconds: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const token = await new EncryptJWT({
    email: session.email,
    name: session.name,
    role: session.role,
    accessToken: session.accessToken,
  })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setSubject(session.userId)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .encrypt(key);
  return { token, expiresAt };
}

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
    const { sub, email, name, role, accessToken, exp } = payload;
    if (
      typeof sub !== 'string' ||
      typeof email !== 'string' ||
      typeof name !== 'string' ||
      (role !== 'admin' && role !== 'operator') ||
      typeof accessToken !== 'string' ||
      typeof exp !== 'number'
    ) {
      return undefined;
    }
    return { userId: sub, email, name, role, accessToken, expiresAt: exp };
  } catch {
    return undefined;
  }
}
