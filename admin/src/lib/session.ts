import 'server-only';
import { cookies, headers } from 'next/headers';
import { adminConfig } from './config';
import { servedOverHttps } from './request-guard';
import {
  openSession,
  type Session,
  sealSession,
  sessionCookie,
  sessionCookieOptions,
} from './session-token';
import { hasEnded } from './user-session';

/** The session of this request, unless it is missing, invalid, expired or was signed out. */
export async function readSession(): Promise<Session | undefined> {
  const jar = await cookies();
  const session = await openSession(jar.get(sessionCookie)?.value, adminConfig().sessionKey);
  return session && !hasEnded(session) ? session : undefined;
}

export async function writeSession(session: Session): Promise<void> {
  const token = await sealSession(session, adminConfig().sessionKey);
  const secure = servedOverHttps(await headers());
  (await cookies()).set(sessionCookie, token, sessionCookieOptions(session, secure));
}

export async function clearSession(): Promise<void> {
  (await cookies()).delete(sessionCookie);
}
