'use client';

import { useActionState, useState } from 'react';
import { replayWebhookDelivery } from '@/actions/webhooks';
import { FormMessage } from '@/components/ui/form-message';
import { idleForm } from '@/lib/form-state';
import { Confirmation, secondaryButtonClass } from './confirmation';

/** Replay of one delivery, asked first; offered to admins while the endpoint is enabled. */
export function WebhookDeliveryReplay({
  id,
  endpointId,
  eventId,
}: {
  id: string;
  endpointId: string;
  eventId: string;
}) {
  const [state, replay] = useActionState(replayWebhookDelivery, idleForm);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      <FormMessage state={state} />
      {confirming ? (
        <form
          action={(form) => {
            setConfirming(false);
            replay(form);
          }}
        >
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="endpointId" value={endpointId} />
          <Confirmation
            question={`Deliver event ${eventId} to this endpoint again, with the same webhook-id?`}
            confirm="Replay"
            color="blue"
            keep={() => setConfirming(false)}
            testId="webhook-delivery-confirm"
          />
        </form>
      ) : (
        <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(true)}>
          Replay…
        </button>
      )}
    </div>
  );
}
