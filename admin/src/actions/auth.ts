'use server';

import { redirect } from 'next/navigation';
import { type FormState, failed, formText } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import { consoleRoleOf } from '@/lib/permissions';
import { fieldErrorsOf, outcomeOf } from '@/lib/problem';
import { safeNextPath } from '@/lib/safe-next';
import { serviceClient } from '@/lib/services';
import { clearSession, writeSession } from '@/lib/session';

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
  const session = await outcomeOf(
    serviceClient('users').POST('/v1/sessions', { body: { email, password } }),
  );
  if (!session.ok) {
    const { status } = session.problem;
    log.info({ email, status }, 'sign-in refused');
    if (status === 400) {
      return {
        ...refused('Check the highlighted fields.', email),
        fieldErrors: fieldErrorsOf(session.problem),
      };
    }
    if (status === 401) {
      return refused('The email or password is wrong.', email);
    }
    if (status === 403) {
      return refused('This account is suspended; an admin can reactivate it.', email);
    }
    return refused(`Cannot sign in right now: ${session.problem.detail}`, email);
  }
  const { user, accessToken, expiresIn } = session.data;
  const role = consoleRoleOf(user.roles);
  if (!role) {
    log.info({ email, roles: user.roles }, 'sign-in refused: no console role');
    return refused(
      `${user.email} is a member without a console role. The admin console is for ` +
        'operators and admins; ask an admin to grant you the operator role.',
      email,
    );
  }
  await writeSession(
    { userId: user.id, email: user.email, name: user.name, role, accessToken },
    expiresIn,
  );
  log.info({ email: user.email, role }, 'signed in');
  redirect(safeNextPath(formText(form, 'next')));
}

export async function signOut(): Promise<void> {
  await clearSession();
  redirect('/login');
}
