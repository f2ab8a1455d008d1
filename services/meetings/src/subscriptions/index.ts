import type { SubscriptionWiring } from '@trellis/kit';
import { userSuspended } from '@trellis/users/topics';
import type { MeetingsDeps } from '../deps.ts';
import { withdrawSuspendedUser } from './user-suspended.ts';

/** What meetings does when other services' events arrive (group `meetings`; tests name their own). */
export function meetingsSubscriptions(
  { deps, subscribe }: SubscriptionWiring<MeetingsDeps>,
  group = 'meetings',
): void {
  subscribe(userSuspended, group, async (payload, { tx, logger }) => {
    const outcome = await withdrawSuspendedUser(payload, { tx, now: deps.now() });
    logger.info({ userId: payload.user.id, ...outcome }, 'withdrew the suspended user');
  });
}
