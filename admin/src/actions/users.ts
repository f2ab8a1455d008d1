'use server';

import { type Role, userActions, userRoles } from '@trellis/users/lifecycle';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { authorize } from '@/lib/auth';
import { type FormState, failed, formText, formValues } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import { fieldErrorsOf, outcomeOf } from '@/lib/problem';
import { serviceClient } from '@/lib/services';

function isRole(value: string): value is Role {
  return (userRoles as readonly string[]).includes(value);
}

export async function createUser(_previous: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['name', 'email']);
  const granted = form.getAll('roles').map(String).filter(isRole);
  const wanted: Role[] = granted.length > 0 ? granted : ['member'];
  const allowed = await authorize(
    wanted.some((role) => role !== 'member') ? 'users.grantRoles' : 'users.create',
  );
  if (!allowed.ok) {
    return failed('Could not create the user', allowed.message, { values });
  }
  const password = String(form.get('password') ?? '');
  const created = await outcomeOf(
    serviceClient('users').POST('/v1/users', {
      body: {
        name: values.name ?? '',
        email: values.email ?? '',
        roles: wanted,
        ...(password ? { password } : {}),
      },
    }),
  );
  if (!created.ok) {
    const { problem } = created;
    return failed(
      'Could not create the user',
      problem.status === 409
        ? 'That email already belongs to a user.'
        : problem.errors.length > 0
          ? 'Check the highlighted fields.'
          : problem.detail,
      { fieldErrors: fieldErrorsOf(problem, (path) => path.replace(/\[\d+\]$/, '')), values },
    );
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'users.create', userId: created.data.id },
    'change',
  );
  redirect(`/users/${created.data.id}?created=1`);
}

export async function changeUserStatus(_previous: FormState, form: FormData): Promise<FormState> {
  const id = formText(form, 'id');
  const action = userActions.find((candidate) => candidate === formText(form, 'action'));
  if (!action) {
    return failed('Could not change the user', 'Unknown user action.');
  }
  const notDone = `Could not ${action} the user`;
  const allowed = await authorize(`users.${action}`);
  if (!allowed.ok) {
    return failed(notDone, allowed.message);
  }
  const changed = await outcomeOf(
    serviceClient('users').POST(`/v1/users/{id}/${action}`, { params: { path: { id } } }),
  );
  revalidatePath(`/users/${id}`);
  if (!changed.ok) {
    const { problem } = changed;
    const current = problem.extensions.currentStatus;
    return failed(
      notDone,
      problem.status === 409 && typeof current === 'string'
        ? `Someone changed this user first: they are ${current} now, as shown below.`
        : problem.detail,
    );
  }
  adminLogger().info(
    { actor: allowed.session.email, change: `users.${action}`, userId: id },
    'change',
  );
  return {
    status: 'success',
    message:
      action === 'suspend'
        ? `${changed.data.name} is suspended.`
        : `${changed.data.name} is active again.`,
  };
}
