import type { Tx } from '@trellis/db';
import type { TopicPayload } from '@trellis/kit';
import type { userSuspended } from '@trellis/users/topics';
import { nextStatus } from '../domain.ts';
import { lockPendingOrdersOf, transitionOrder } from '../repository.ts';
import { orderEvent } from '../routes/orders/present.ts';
import { orderCancelled } from '../topics.ts';

/**
 * `user.suspended`: cancels the user's orders still waiting for payment, each through the
 * order state machine so each publishes its own `order.cancelled`; paid orders are left as
 * they are. All on the handler's transaction; a second run finds nothing pending.
 */
export async function cancelPendingOrdersOfSuspendedUser(
  payload: TopicPayload<typeof userSuspended>,
  { tx, now }: { tx: Tx; now: Date },
): Promise<string[]> {
  const pending = await lockPendingOrdersOf(tx, payload.user.id);
  const cancelled: string[] = [];
  for (const order of pending) {
    const done = await transitionOrder(
      tx,
      {
        id: order.id,
        version: order.version,
        from: order.status,
        to: nextStatus(order.status, 'cancel'),
      },
      orderEvent(orderCancelled, { reason: 'user_suspended' }),
      now,
    );
    // Locked above, so nothing can have moved it in between.
    if (!done) {
      throw new Error(`order ${order.id} changed under its lock`);
    }
    cancelled.push(order.id);
  }
  return cancelled;
}
