import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { may, type Permission, refusal } from './permissions';
import { requestedPathHeader } from './request-guard';
import { safeNextPath } from './safe-next';
import { readSession } from './session';
import type { Session } from './session-token';

/** The signed-in session, or a redirect to the login page that remembers the page asked for. */
export async function requireSession(): Promise<Session> {
  const session = await readSession();
  if (session) {
    return session;
  }
  const next = safeNextPath((await headers()).get(requestedPathHeader));
  redirect(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
}

export type Authorization = { ok: true; session: Session } | { ok: false; message: string };

/**
 * Checked at the top of every server action: the proxy already turned away requests without
 * a session, but an action must never trust that, nor that its button was hidden.
 */
export async function authorize(permission: Permission): Promise<Authorization> {
  const session = await readSession();
  if (!session) {
    return { ok: false, message: 'Your session has ended; sign in again.' };
  }
  if (!may(session.role, permission)) {
    return { ok: false, message: refusal(permission) };
  }
  return { ok: true, session };
}
