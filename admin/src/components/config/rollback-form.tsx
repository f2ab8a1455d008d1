'use client';

import { useActionState } from 'react';
import { rollbackConfig } from '@/actions/config';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

/** Publishes an earlier release's values again, as a new revision. */
export function RollbackForm({
  namespace,
  service,
  revisions,
  isProtected,
}: {
  namespace: string;
  service: string;
  /** Revisions one may roll back to, newest first. */
  revisions: number[];
  isProtected: boolean;
}) {
  const [state, action] = useActionState(rollbackConfig, idleForm);
  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      {revisions.length === 0 ? (
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          There is no earlier release to roll back to.
        </p>
      ) : (
        <form action={action} className="space-y-4" aria-label="Roll back">
          <input type="hidden" name="namespace" value={namespace} />
          <input type="hidden" name="service" value={service} />
          <SelectField
            name="toRevision"
            id="rollback-revision"
            label="Revision to restore"
            options={revisions.map((revision) => ({
              value: String(revision),
              label: `Revision ${revision}`,
            }))}
          />
          <TextField name="comment" id="rollback-comment" label="Comment" autoComplete="off" />
          <SubmitButton color="amber">
            {isProtected ? 'Request rollback' : 'Roll back'}
          </SubmitButton>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
            A rollback is a new release with the old values; the history keeps everything.
            {isProtected ? ' In this protected namespace another admin approves it first.' : ''}
          </p>
        </form>
      )}
    </div>
  );
}
