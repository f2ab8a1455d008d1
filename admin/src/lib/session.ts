import 'server-only';
import { cookies, headers } from 'next/headers';
import { adminConfig } from './config';
import { openSession, type Session, sealSession, sessionCookie } from './session-token';

export async function readSession(): Promise<Session | undefined> {
  const jar = await cookies();
  return openSession(jar.get(sessionCookie)?.value, adminConfig().sessionKey);
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure whenever the console runs on https. */
export async function writeSession(session: Omit<Session, 'expiresAt'>): Promise<void> {
  const { sessionKey, sessionTtlSeconds } = adminConfig();
  const { token } = await sealSession(session, sessionKey, sessionTtlSeconds);
  const origin = (await headers()).get('origin') ?? '';
  const jar = await cookies();
  jar.set(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: origin.startsWith('https:'),
    path: '/',
    maxAge: sessionTtlSeconds,
  });
}

export async function clearSession(): Promise<void> {
  (await cookies()).delete(sessionCookie);
}
