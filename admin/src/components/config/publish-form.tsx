'use client';

import { useActionState } from 'react';
import { publishConfig } from '@/actions/config';
import { inputClass, labelClass, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

const radioClass =
  'border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:checked:bg-dark-tremor-brand';
const optionClass =
  'flex items-center gap-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis';

/**
 * Publishes the saved draft with a comment, to every instance or as a gray release. In a
 * protected namespace the same form asks for approval instead.
 */
export function PublishForm({
  namespace,
  service,
  isProtected,
  blockedBecause,
  grayAllowed,
}: {
  namespace: string;
  service: string;
  isProtected: boolean;
  /** Why nothing can be published now; the form is not offered then. */
  blockedBecause: string | undefined;
  /** A gray release needs a live full release to fall back on. */
  grayAllowed: boolean;
}) {
  const [state, action] = useActionState(publishConfig, idleForm);
  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      {blockedBecause ? (
        <p
          className="text-tremor-default text-tremor-content dark:text-dark-tremor-content"
          data-testid="publish-blocked"
        >
          {blockedBecause}
        </p>
      ) : (
        <form action={action} className="space-y-4" aria-label="Publish">
          <input type="hidden" name="namespace" value={namespace} />
          <input type="hidden" name="service" value={service} />
          <TextField
            name="comment"
            id="publish-comment"
            label="Comment"
            autoComplete="off"
            hint="Why: shown in the history and the audit trail."
          />
          <fieldset className="space-y-2">
            <legend className={labelClass}>Release to</legend>
            <label className={optionClass}>
              <input
                type="radio"
                name="audience"
                value="everyone"
                defaultChecked
                className={radioClass}
              />
              Every instance
            </label>
            {grayAllowed ? (
              <>
                <div className="flex flex-wrap items-center gap-2">
                  <label className={optionClass}>
                    <input type="radio" name="audience" value="percentage" className={radioClass} />
                    Gray: a share of instances
                  </label>
                  <input
                    name="percentage"
                    type="number"
                    min={1}
                    max={100}
                    step={1}
                    defaultValue={10}
                    aria-label="Share of instances, percent"
                    className={`${inputClass} w-24`}
                  />
                  <span className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
                    %
                  </span>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <label className={optionClass}>
                    <input type="radio" name="audience" value="labels" className={radioClass} />
                    Gray: instances labelled
                  </label>
                  <input
                    name="labels"
                    type="text"
                    placeholder="zone:a, tier:canary"
                    aria-label="Labels of the gray instances"
                    className={`${inputClass} w-56`}
                  />
                </div>
              </>
            ) : (
              <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                A gray release becomes possible once a full release is live to fall back on.
              </p>
            )}
          </fieldset>
          <SubmitButton>{isProtected ? 'Request approval' : 'Publish'}</SubmitButton>
          {isProtected ? (
            <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
              {namespace} is protected: an admin other than you approves the change before it goes
              live.
            </p>
          ) : null}
        </form>
      )}
    </div>
  );
}
