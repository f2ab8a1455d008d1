'use client';

import { useActionState } from 'react';
import { endGrayRelease } from '@/actions/config';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

/** Promote the gray values to every instance, or abandon them for the live ones. */
export function EndGrayForm({ namespace, service }: { namespace: string; service: string }) {
  const [state, action] = useActionState(endGrayRelease, idleForm);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <form action={action} className="space-y-3" aria-label="End the gray release">
        <input type="hidden" name="namespace" value={namespace} />
        <input type="hidden" name="service" value={service} />
        <TextField name="comment" id="gray-comment" label="Comment" autoComplete="off" />
        <div className="flex flex-wrap gap-2">
          <SubmitButton name="action" value="promote" color="emerald">
            Promote to every instance
          </SubmitButton>
          <SubmitButton name="action" value="abandon" color="rose" variant="secondary">
            Abandon
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
