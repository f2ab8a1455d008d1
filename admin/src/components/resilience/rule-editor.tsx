'use client';

import { Button } from '@tremor/react';
import { type FormEvent, startTransition, useActionState, useState } from 'react';
import { saveResilienceRules } from '@/actions/resilience';
import { describedBy, inputClass, labelClass } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { idleForm } from '@/lib/form-state';

/**
 * The `resilience` key of the service's draft as pretty-printed JSON. Saving puts it into the
 * draft (the other keys are kept); the center's complaints, naming the path, show beneath.
 */
export function RuleEditor({
  namespace,
  service,
  rules,
  savedAt,
}: {
  namespace: string;
  service: string;
  rules: unknown;
  /** When the draft was last saved; a new save shows what the center now holds. */
  savedAt: string | null;
}) {
  const [state, dispatch, pending] = useActionState(saveResilienceRules, idleForm);
  const [generation, setGeneration] = useState(0);
  const [seenSave, setSeenSave] = useState(savedAt);
  if (seenSave !== savedAt) {
    setSeenSave(savedAt);
    setGeneration((n) => n + 1);
  }
  const text = JSON.stringify(rules, null, 2);
  const errors = Object.values(state.fieldErrors ?? {});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // Dispatched by hand, not as the form's action, so React does not reset what was typed.
    startTransition(() => dispatch(data));
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Rules">
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="service" value={service} />
      <FormMessage state={state} />
      <div className="space-y-1.5">
        <label htmlFor="resilience-rules" className={labelClass}>
          Rules (the resilience key, JSON)
        </label>
        <textarea
          key={generation}
          id="resilience-rules"
          name="rules"
          rows={Math.min(28, Math.max(10, text.split('\n').length + 1))}
          spellCheck={false}
          defaultValue={text}
          className={`${inputClass} font-mono text-tremor-label`}
          {...describedBy(
            'resilience-rules',
            errors.length > 0 ? errors.join('; ') : undefined,
            'hint',
          )}
        />
        {errors.length > 0 ? (
          <ul
            id="resilience-rules-error"
            className="list-inside list-disc text-tremor-label text-red-600 dark:text-red-400"
            data-testid="rules-errors"
          >
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : (
          <p
            id="resilience-rules-hint"
            className="text-tremor-label text-tremor-content dark:text-dark-tremor-content"
          >
            flow, hotParams, breakers, forcedBreakers, system and clients, as docs/resilience.md
            describes them; keys left out take their defaults.
          </p>
        )}
      </div>
      <Button type="submit" loading={pending} disabled={pending}>
        Save draft
      </Button>
    </form>
  );
}
