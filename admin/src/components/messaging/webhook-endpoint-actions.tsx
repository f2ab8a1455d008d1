'use client';

import { Card } from '@tremor/react';
import { useActionState, useState } from 'react';
import { deleteWebhookEndpoint, setWebhookEndpointStatus } from '@/actions/webhooks';
import { FormMessage } from '@/components/ui/form-message';
import type { WebhookEndpoint } from '@/data/messaging';
import { idleForm } from '@/lib/form-state';
import { Confirmation, secondaryButtonClass } from './confirmation';

type Confirming = 'disable' | 'delete' | undefined;

/**
 * Enable (at once: it only resumes deliveries), disable or delete (each asks first). Rendered for
 * admins only; the server actions and the service check the role again.
 */
export function WebhookEndpointActions({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [statusState, changeStatus] = useActionState(setWebhookEndpointStatus, idleForm);
  const [deleteState, remove] = useActionState(deleteWebhookEndpoint, idleForm);
  const [confirming, setConfirming] = useState<Confirming>();
  const run = (act: (form: FormData) => void) => (form: FormData) => {
    setConfirming(undefined);
    act(form);
  };
  const enabled = endpoint.status === 'enabled';
  return (
    <Card className="space-y-4" data-testid="webhook-endpoint-actions">
      <FormMessage state={statusState} />
      <FormMessage state={deleteState} />
      {confirming === 'disable' ? (
        <form action={run(changeStatus)}>
          <input type="hidden" name="id" value={endpoint.id} />
          <input type="hidden" name="status" value="disabled" />
          <Confirmation
            question="Disable this endpoint? It gets no deliveries until it is enabled again."
            confirm="Disable"
            color="amber"
            keep={() => setConfirming(undefined)}
            testId="webhook-endpoint-confirm"
          />
        </form>
      ) : null}
      {confirming === 'delete' ? (
        <form action={run(remove)}>
          <input type="hidden" name="id" value={endpoint.id} />
          <Confirmation
            question="Delete this endpoint and its delivery log? Its owner hears of nothing more."
            confirm="Delete"
            color="rose"
            keep={() => setConfirming(undefined)}
            testId="webhook-endpoint-confirm"
          />
        </form>
      ) : null}
      {confirming === undefined ? (
        <div className="flex flex-wrap gap-2">
          {enabled ? (
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => setConfirming('disable')}
            >
              Disable…
            </button>
          ) : (
            <form action={changeStatus}>
              <input type="hidden" name="id" value={endpoint.id} />
              <input type="hidden" name="status" value="enabled" />
              <button type="submit" className={secondaryButtonClass}>
                Enable
              </button>
            </form>
          )}
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => setConfirming('delete')}
          >
            Delete…
          </button>
        </div>
      ) : null}
    </Card>
  );
}
