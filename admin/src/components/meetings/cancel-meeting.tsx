'use client';

import { useActionState } from 'react';
import { cancelMeeting } from '@/actions/meetings';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

export function CancelMeeting({
  meetingId,
  cancellable,
}: {
  meetingId: string;
  cancellable: boolean;
}) {
  const [state, action] = useActionState(cancelMeeting, idleForm);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      {cancellable ? (
        <form action={action}>
          <input type="hidden" name="meetingId" value={meetingId} />
          <SubmitButton color="rose" variant="secondary">
            Cancel meeting
          </SubmitButton>
        </form>
      ) : state.status === 'idle' ? (
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          This meeting is cancelled; its room is free.
        </p>
      ) : null}
    </div>
  );
}
