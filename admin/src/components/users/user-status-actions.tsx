'use client';

import { type UserStatus, userActionsFrom } from '@trellis/users/lifecycle';
import { useActionState } from 'react';
import { changeUserStatus } from '@/actions/users';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

/** Suspend or reactivate; rendered for admins only, and the action checks the role again. */
export function UserStatusActions({ userId, status }: { userId: string; status: UserStatus }) {
  const [state, action] = useActionState(changeUserStatus, idleForm);
  // Each status allows exactly one action: suspend an active user, reactivate a suspended one.
  const [next] = userActionsFrom(status);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <form action={action}>
        <input type="hidden" name="id" value={userId} />
        <input type="hidden" name="action" value={next} />
        <SubmitButton color={next === 'suspend' ? 'rose' : 'emerald'} variant="secondary">
          {next === 'suspend' ? 'Suspend user' : 'Reactivate user'}
        </SubmitButton>
      </form>
    </div>
  );
}
