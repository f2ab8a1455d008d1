'use client';

import { useActionState } from 'react';
import { decideChangeRequest } from '@/actions/config';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

/** Approve or reject a change request, or withdraw one's own; only what the viewer may do. */
export function DecideForm({
  namespace,
  service,
  id,
  mayApprove,
  mayReject,
  withdraw,
}: {
  namespace: string;
  service: string;
  id: number;
  mayApprove: boolean;
  mayReject: boolean;
  /** The viewer is the author: rejecting withdraws. */
  withdraw: boolean;
}) {
  const [state, action] = useActionState(decideChangeRequest, idleForm);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      {mayApprove || mayReject ? (
        <form action={action} className="space-y-3" aria-label={`Decide change request ${id}`}>
          <input type="hidden" name="namespace" value={namespace} />
          <input type="hidden" name="service" value={service} />
          <input type="hidden" name="id" value={id} />
          <TextField
            name="comment"
            id={`decision-comment-${id}`}
            label="Comment"
            autoComplete="off"
          />
          <div className="flex flex-wrap gap-2">
            {mayApprove ? (
              <SubmitButton name="decision" value="approve" color="emerald">
                Approve
              </SubmitButton>
            ) : null}
            {mayReject ? (
              <SubmitButton name="decision" value="reject" color="rose" variant="secondary">
                {withdraw ? 'Withdraw' : 'Reject'}
              </SubmitButton>
            ) : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}
