'use client';

import { useActionState } from 'react';
import { transitionOrder } from '@/actions/orders';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';
import { type OrderAction, orderActionLabels } from '@/lib/order-actions';

const colors: Record<OrderAction, 'blue' | 'rose' | 'emerald' | 'amber'> = {
  pay: 'blue',
  cancel: 'rose',
  fulfill: 'emerald',
  refund: 'amber',
};

/** The buttons the order's status allows, each a form posting to the transition action. */
export function OrderActions({
  orderId,
  actions,
  note,
}: {
  orderId: string;
  actions: OrderAction[];
  /** Why a step the status allows is not offered, e.g. to an operator. */
  note?: string | undefined;
}) {
  const [state, action] = useActionState(transitionOrder, idleForm);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      {actions.length === 0 ? (
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          Nothing more can happen to this order from here.
        </p>
      ) : (
        <form action={action} className="flex flex-wrap gap-2">
          <input type="hidden" name="id" value={orderId} />
          {actions.map((name) => (
            <SubmitButton
              key={name}
              name="action"
              value={name}
              color={colors[name]}
              variant={name === 'pay' || name === 'fulfill' ? 'primary' : 'secondary'}
            >
              {orderActionLabels[name]}
            </SubmitButton>
          ))}
        </form>
      )}
      {note ? (
        <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          {note}
        </p>
      ) : null}
    </div>
  );
}
