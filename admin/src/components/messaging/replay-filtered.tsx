'use client';

import { useActionState, useState } from 'react';
import { replayFilteredDeadLetters } from '@/actions/messaging';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

const buttonClass =
  'rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default font-medium text-tremor-content-emphasis hover:bg-tremor-background-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis';

/** Replays every dead letter the filter names; asks first. Rendered for admins only. */
export function ReplayFiltered({
  subscription,
  topic,
  waiting,
}: {
  subscription: string | undefined;
  topic: string | undefined;
  waiting: number;
}) {
  const [state, action] = useActionState(replayFilteredDeadLetters, idleForm);
  const [confirming, setConfirming] = useState(false);
  const scope = [subscription && `of ${subscription}`, topic && `on ${topic}`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="mb-4 space-y-3">
      <FormMessage state={state} />
      {confirming ? (
        <form
          action={(form) => {
            setConfirming(false);
            action(form);
          }}
          className="flex flex-wrap items-center gap-3 rounded-tremor-default bg-amber-50 p-3 dark:bg-amber-950/30"
        >
          <input type="hidden" name="subscription" value={subscription ?? ''} />
          <input type="hidden" name="topic" value={topic ?? ''} />
          <span className="text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
            Replay every dead letter {scope || 'of every subscription'}? Their handlers run again.
          </span>
          <SubmitButton color="amber">Replay them</SubmitButton>
          <button type="button" className={buttonClass} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          className={buttonClass}
          disabled={waiting === 0}
          onClick={() => setConfirming(true)}
        >
          Replay all matching…
        </button>
      )}
    </div>
  );
}
