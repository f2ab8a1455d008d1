'use server';

import { etagOf } from '@trellis/kit';
import { type Role, userActions, userRoles } from '@trellis/users/lifecycle';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { authorize } from '@/lib/auth';
import { type FormState, failed, formText, formValues } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import { fieldErrorsOf, outcomeOf } from '@/lib/problem';
import { asOperator, serviceClient } from '@/lib/services';
import { changeStatus } from '@/lib/status-change';

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
      headers: asOperator(allowed.session),
      body: {
        name: values.name ?? '',
        email: values.email ?? '',
        // Users honours `roles` from admins only; a member is what sign-up makes anyway.
        ...(wanted.some((role) => role !== 'member') ? { roles: wanted } : {}),
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
  return changeStatus(form, {
    domain: 'users',
    noun: 'user',
    steps: userActions,
    permissionOf: (step) => `users.${step}`,
    send: (caller, id, step) =>
      outcomeOf(
        serviceClient('users').POST(`/v1/users/{id}/${step}`, {
          headers: asOperator(caller),
          params: { path: { id } },
        }),
      ),
    raced: (current) => `Someone changed this user first: they are ${current} now, as shown below.`,
    done: (step, user) =>
      step === 'suspend' ? `${user.name} is suspended.` : `${user.name} is active again.`,
  });
}

/**
 * Replaces a user's roles (admin only, here and at users). The form names the version it
 * showed, so a change made meanwhile by someone else is refused rather than overwritten.
 */
export async function grantRoles(_previous: FormState, form: FormData): Promise<FormState> {
  const notDone = 'Could not change the roles';
  const allowed = await authorize('users.grantRoles');
  if (!allowed.ok) {
    return failed(notDone, allowed.message);
  }
  const id = formText(form, 'id');
  const version = Number(formText(form, 'version'));
  const roles = form.getAll('roles').map(String).filter(isRole);
  if (roles.length === 0) {
    return failed(notDone, 'Keep at least one role: member, if nothing more.', {
      fieldErrors: { roles: 'must name at least one role' },
    });
  }
  const changed = await outcomeOf(
    serviceClient('users').PATCH('/v1/users/{id}', {
      headers: { ...asOperator(allowed.session), 'if-match': etagOf(id, version) },
      params: { path: { id } },
      body: { roles },
    }),
  );
  revalidatePath(`/users/${id}`);
  if (!changed.ok) {
    return failed(
      notDone,
      changed.problem.status === 412
        ? 'Someone changed this user while you were looking; the page shows them as they are now.'
        : changed.problem.detail,
    );
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'users.grantRoles', userId: id, roles },
    'change',
  );
  return {
    status: 'success',
    message: `${changed.data.name} now holds: ${changed.data.roles.join(', ')}.`,
  };
}
