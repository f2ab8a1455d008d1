'use client';

import { Callout } from '@tremor/react';
import { useActionState, useState } from 'react';
import { type ApiKeyFormState, createApiKey } from '@/actions/api-keys';
import { fieldSentence, labelClass, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

/** The key just created, in full: it lives in this component's state only, until the next one. */
function NewKey({ name, apiKey }: { name: string; apiKey: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" data-testid="new-api-key">
      <Callout title={`The key for “${name}”, shown only this once`} color="emerald">
        <p className="mb-2">
          Copy it now and hand it to the app that will use it: the platform keeps only its hash, so
          no one can show it again. Lost keys are revoked and replaced.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <code
            data-testid="new-api-key-value"
            className="rounded-tremor-small bg-tremor-background px-2 py-1 font-mono text-tremor-default text-tremor-content-strong [overflow-wrap:anywhere] dark:bg-dark-tremor-background dark:text-dark-tremor-content-strong"
          >
            {apiKey}
          </code>
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(apiKey).then(() => setCopied(true));
            }}
            className="rounded-tremor-default border border-tremor-border px-3 py-1 text-tremor-default font-medium text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis"
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      </Callout>
    </div>
  );
}

export function ApiKeyCreateForm({ scopes }: { scopes: readonly string[] }) {
  const [state, action] = useActionState<ApiKeyFormState, FormData>(createApiKey, idleForm);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <div className="space-y-4">
      {state.created ? <NewKey name={state.created.name} apiKey={state.created.key} /> : null}
      <form action={action} className="max-w-lg space-y-4" key={JSON.stringify(state)}>
        {state.created ? null : <FormMessage state={state} />}
        <TextField
          name="name"
          label="Name"
          required
          autoComplete="off"
          placeholder="Storefront mobile app"
          hint="Who uses the key, so that its calls and its revocation make sense later."
          defaultValue={state.created ? undefined : values.name}
          error={errors.name}
        />
        <fieldset className="space-y-2">
          <legend className={labelClass}>Scopes</legend>
          <div className="grid grid-cols-2 gap-2">
            {scopes.map((scope) => (
              <label
                key={scope}
                className="flex items-center gap-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis"
              >
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  defaultChecked={
                    !state.created && (values.scopes ?? '').split(' ').includes(scope)
                  }
                  className="rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:checked:bg-dark-tremor-brand"
                />
                <code>{scope}</code>
              </label>
            ))}
          </div>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
            <code>read</code> allows GET and HEAD; <code>write</code> every other method.
          </p>
          {errors.scopes ? (
            <p className="text-tremor-label text-red-600 dark:text-red-400">
              {fieldSentence('Scopes', errors.scopes)}
            </p>
          ) : null}
        </fieldset>
        <SubmitButton>Create key</SubmitButton>
      </form>
    </div>
  );
}
