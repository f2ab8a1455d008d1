'use client';

import { userRoles } from '@trellis/users/lifecycle';
import { useActionState } from 'react';
import { grantRoles } from '@/actions/users';
import { fieldSentence } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { User } from '@/data/users';
import { idleForm } from '@/lib/form-state';

/** The roles a user holds, to change; rendered for admins only, and the action checks again. */
export function UserRolesForm({ user }: { user: Pick<User, 'id' | 'version' | 'roles'> }) {
  const [state, action] = useActionState(grantRoles, idleForm);
  return (
    <form action={action} className="space-y-3" key={`${user.id}.${user.version}`}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
      <fieldset className="space-y-2">
        <legend className="sr-only">Roles</legend>
        {userRoles.map((role) => (
          <label
            key={role}
            className="flex items-center gap-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis"
          >
            <input
              type="checkbox"
              name="roles"
              value={role}
              defaultChecked={user.roles.includes(role)}
              className="rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:checked:bg-dark-tremor-brand"
            />
            {role}
          </label>
        ))}
        {state.fieldErrors?.roles ? (
          <p className="text-tremor-label text-red-600 dark:text-red-400">
            {fieldSentence('Roles', state.fieldErrors.roles)}
          </p>
        ) : null}
      </fieldset>
      <SubmitButton variant="secondary">Save roles</SubmitButton>
    </form>
  );
}
