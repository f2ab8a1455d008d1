'use client';

import { useActionState } from 'react';
import { recordRsvp } from '@/actions/meetings';
import { useLatestNotice } from '@/components/ui/action-scope';
import { inputClass } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

/** Records an attendee's answer on their behalf, as when they reply by mail or phone. */
export function RsvpForm({
  meetingId,
  userId,
  name,
  response,
}: {
  meetingId: string;
  userId: string;
  name: string;
  response: string;
}) {
  const [state, action] = useActionState(recordRsvp, idleForm);
  const id = `rsvp-${userId}`;
  const latest = useLatestNotice(state, state.status !== 'idle');
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="sr-only">
        Response of {name}
      </label>
      <select
        id={id}
        name="response"
        defaultValue={response === 'declined' ? 'declined' : 'accepted'}
        className={`${inputClass} w-auto py-1`}
      >
        <option value="accepted">Accepted</option>
        <option value="declined">Declined</option>
      </select>
      <SubmitButton variant="secondary">Record</SubmitButton>
      {state.status !== 'idle' && latest ? (
        <span
          role={state.status === 'error' ? 'alert' : 'status'}
          className={`text-tremor-label ${state.status === 'error' ? 'text-red-600 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}
        >
          {state.status === 'error' ? `${state.title}: ${state.message}` : state.message}
        </span>
      ) : null}
    </form>
  );
}
