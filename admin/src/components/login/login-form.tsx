'use client';

import { useActionState } from 'react';
import { signIn } from '@/actions/auth';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

export function LoginForm({ next }: { next: string }) {
  const [state, action] = useActionState(signIn, idleForm);
  return (
    <form action={action} noValidate>
      <div className="space-y-4">
        <FormMessage state={state} />
        <input type="hidden" name="next" value={next} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email}
          error={state.fieldErrors?.email}
          key={`email-${state.values?.email ?? ''}`}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.password}
        />
        <SubmitButton>Sign in</SubmitButton>
      </div>
    </form>
  );
}
