'use client';

import { Card } from '@tremor/react';
import { useActionState, useMemo, useState } from 'react';
import { discardDeadLetter, replayDeadLetter, resendDeadLetter } from '@/actions/messaging';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { DeadLetterStatus } from '@/data/messaging';
import { idleForm } from '@/lib/form-state';
import { checkPayload } from '@/lib/payload-check';
import { Confirmation, secondaryButtonClass } from './confirmation';

type Confirming = 'replay' | 'discard' | 'resend' | undefined;

/**
 * Replay, edit and resend, or discard: each asks first. Rendered for admins only while the
 * letter is dead; the server actions and the service check the role again.
 */
export function DeadLetterActions({
  id,
  status,
  subscription,
  payload,
  schema,
}: {
  id: string;
  status: DeadLetterStatus;
  subscription: string;
  payload: Record<string, unknown>;
  /** The topic's JSON Schema, when the messaging service knows the topic. */
  schema: Record<string, unknown> | undefined;
}) {
  const [replayState, replay] = useActionState(replayDeadLetter, idleForm);
  const [discardState, discard] = useActionState(discardDeadLetter, idleForm);
  const [resendState, resend] = useActionState(resendDeadLetter, idleForm);
  const [confirming, setConfirming] = useState<Confirming>();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(() => JSON.stringify(payload, null, 2));
  const check = useMemo(() => checkPayload(text, schema), [text, schema]);
  const problem = check.ok
    ? resendState.fieldErrors?.payload
    : check.errors
        .slice(0, 3)
        .map((error) => (error.path ? `${error.path}: ${error.message}` : error.message))
        .join('; ');
  const run = (act: (form: FormData) => void) => (form: FormData) => {
    setConfirming(undefined);
    act(form);
  };
  return (
    <Card className="space-y-4" data-testid="dead-letter-actions">
      <FormMessage state={replayState} />
      <FormMessage state={discardState} />
      <FormMessage state={resendState} />
      {status === 'dead' ? null : (
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          This event was {status}: nothing is left to do here.
        </p>
      )}
      {confirming === 'replay' ? (
        <form action={run(replay)}>
          <input type="hidden" name="id" value={id} />
          <Confirmation
            question={`Replay this event to ${subscription}? Its handler runs again, with the same event id.`}
            confirm="Replay"
            color="blue"
            keep={() => setConfirming(undefined)}
            testId="dead-letter-confirm"
          />
        </form>
      ) : null}
      {confirming === 'discard' ? (
        <form action={run(discard)}>
          <input type="hidden" name="id" value={id} />
          <Confirmation
            question="Discard this event? It will never reach this subscription."
            confirm="Discard"
            color="rose"
            keep={() => setConfirming(undefined)}
            testId="dead-letter-confirm"
          />
        </form>
      ) : null}
      {status === 'dead' && confirming === undefined ? (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => setConfirming('replay')}
          >
            Replay…
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => setEditing(!editing)}
          >
            {editing ? 'Close the editor' : 'Edit and resend…'}
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => setConfirming('discard')}
          >
            Discard…
          </button>
        </div>
      ) : null}
      {status === 'dead' && editing ? (
        <form action={run(resend)} className="space-y-3">
          <input type="hidden" name="id" value={id} />
          <Field
            id="payload"
            label="Payload"
            error={problem}
            hint={
              schema
                ? 'JSON, checked against the topic’s schema as you type.'
                : 'A JSON object; the service does not know this topic’s schema.'
            }
          >
            <textarea
              id="payload"
              name="payload"
              rows={Math.min(20, Math.max(6, text.split('\n').length + 1))}
              spellCheck={false}
              className={`${inputClass} font-mono text-tremor-label`}
              value={text}
              onChange={(event) => setText(event.target.value)}
              {...describedBy('payload', problem, 'hint')}
            />
          </Field>
          {confirming === 'resend' ? (
            <Confirmation
              question={`Resend this edited payload to ${subscription}?`}
              confirm="Resend"
              color="amber"
              keep={() => setConfirming(undefined)}
              testId="dead-letter-confirm"
            />
          ) : (
            <button
              type="button"
              className={secondaryButtonClass}
              disabled={!check.ok}
              onClick={() => setConfirming('resend')}
            >
              Resend…
            </button>
          )}
        </form>
      ) : null}
    </Card>
  );
}
