'use client';

import { useActionState } from 'react';
import { createUser } from '@/actions/users';
import { fieldSentence, labelClass, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

/** Operators create members; only an admin sees, and may grant, the operator and admin roles. */
export function UserCreateForm({ mayGrantRoles }: { mayGrantRoles: boolean }) {
  const [state, action] = useActionState(createUser, idleForm);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form action={action} className="max-w-lg" key={JSON.stringify(values)}>
      <div className="space-y-4">
        <FormMessage state={state} />
        <TextField
          name="name"
          label="Name"
          required
          autoComplete="off"
          defaultValue={values.name}
          error={errors.name}
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          required
          autoComplete="off"
          defaultValue={values.email}
          error={errors.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          error={errors.password}
          hint="Optional, at least 8 characters. Without one the user cannot sign in yet."
        />
        {mayGrantRoles ? (
          <fieldset className="space-y-2">
            <legend className={labelClass}>Roles</legend>
            {(['member', 'operator', 'admin'] as const).map((role) => (
              <label
                key={role}
                className="flex items-center gap-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis"
              >
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  defaultChecked={role === 'member'}
                  className="rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:checked:bg-dark-tremor-brand"
                />
                {role}
              </label>
            ))}
            {errors.roles ? (
              <p className="text-tremor-label text-red-600 dark:text-red-400">
                {fieldSentence('Roles', errors.roles)}
              </p>
            ) : null}
          </fieldset>
        ) : (
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            New users are members. Only an admin may grant the operator or admin role.
          </p>
        )}
        <SubmitButton>Create user</SubmitButton>
      </div>
    </form>
  );
}
