import type { SubscriptionWiring } from '@trellis/kit';
import { userSuspended } from '@trellis/users/topics';
import type { OrdersDeps } from '../deps.ts';
import { cancelPendingOrdersOfSuspendedUser } from './user-suspended.ts';

/** What orders does when other services' events arrive (group `orders`; tests name their own). */
export function ordersSubscriptions(
  { deps, subscribe }: SubscriptionWiring<OrdersDeps>,
  group = 'orders',
): void {
  subscribe(userSuspended, group, async (payload, { tx, logger }) => {
    const cancelled = await cancelPendingOrdersOfSuspendedUser(payload, { tx, now: deps.now() });
    logger.info({ userId: payload.user.id, cancelled }, 'cancelled the suspended user’s orders');
  });
}
