import 'server-only';
import { cookies, headers } from 'next/headers';
import { adminConfig } from './config';
import {
  openSession,
  type Session,
  sealSession,
  sessionCookie,
  sessionLifetime,
} from './session-token';

export async function readSession(): Promise<Session | undefined> {
  const jar = await cookies();
  return openSession(jar.get(sessionCookie)?.value, adminConfig().sessionKey);
}

/**
 * Sets the session cookie: httpOnly, SameSite=Lax, Secure whenever the console runs on https.
 * It lasts the configured session time, or less when the access token inside expires sooner.
 */
export async function writeSession(
  session: Omit<Session, 'expiresAt'>,
  tokenExpiresInSeconds: number,
): Promise<void> {
  const ttlSeconds = sessionLifetime(adminConfig().sessionTtlSeconds, tokenExpiresInSeconds);
  const { token } = await sealSession(session, adminConfig().sessionKey, ttlSeconds);
  const origin = (await headers()).get('origin') ?? '';
  const jar = await cookies();
  jar.set(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: origin.startsWith('https:'),
    path: '/',
    maxAge: ttlSeconds,
  });
}

export async function clearSession(): Promise<void> {
  (await cookies()).delete(sessionCookie);
}
