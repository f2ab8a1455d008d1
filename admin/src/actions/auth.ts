'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { type FormState, failed, formText } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import { fieldErrorsOf } from '@/lib/problem';
import { safeNextPath } from '@/lib/safe-next';
import { clearSession, readSession, writeSession } from '@/lib/session';
import { signInAtUsers, signOutAtUsers } from '@/lib/user-session';

function refused(message: string, email: string): FormState {
  return failed('Could not sign you in', message, { values: { email } });
}

/** Signs in through the users service; only operators and admins get a console session. */
export async function signIn(_previous: FormState, form: FormData): Promise<FormState> {
  const email = formText(form, 'email');
  const password = String(form.get('password') ?? '');
  if (!email || !password) {
    return failed('Could not sign you in', 'Enter your email and password.', {
      fieldErrors: {
        ...(email ? {} : { email: 'is required' }),
        ...(password ? {} : { password: 'is required' }),
      },
      values: { email },
    });
  }
  const log = adminLogger();
  const userAgent = (await headers()).get('user-agent');
  const signedIn = await signInAtUsers(email, password, { userAgent });
  if (!signedIn.ok) {
    const { status, detail } = signedIn.problem;
    log.info({ email, status }, 'sign-in refused');
    if (status === 400) {
      return {
        ...refused('Check the highlighted fields.', email),
        fieldErrors: fieldErrorsOf(signedIn.problem),
      };
    }
    if (status === 401) {
      return refused('The email or password is wrong.', email);
    }
    if (status === 403) {
      return refused('This account is suspended; an admin can reactivate it.', email);
    }
    if (status === 429) {
      return refused(`Too many attempts: ${detail}`, email);
    }
    return refused(`Cannot sign in right now: ${detail}`, email);
  }
  if (!signedIn.data.ok) {
    log.info({ email, roles: signedIn.data.roles }, 'sign-in refused: no console role');
    return refused(
      `${email} is a member without a console role. The admin console is for ` +
        'operators and admins; ask an admin to grant you the operator role.',
      email,
    );
  }
  const { session } = signedIn.data;
  await writeSession(session);
  log.info({ email: session.email, role: session.role }, 'signed in');
  redirect(safeNextPath(formText(form, 'next')));
}

/**
 * Signs out at users too, which revokes the session's refresh family: a copy of the cookie
 * kept from before cannot renew, and the console refuses it from now on.
 */
export async function signOut(): Promise<void> {
  const session = await readSession();
  if (session) {
    const revoked = await signOutAtUsers(session, {
      userAgent: (await headers()).get('user-agent'),
    });
    if (!revoked.ok) {
      adminLogger().warn(
        { email: session.email, status: revoked.problem.status },
        'sign-out not confirmed by users',
      );
    }
  }
  await clearSession();
  redirect('/login');
}
