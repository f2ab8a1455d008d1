import type { Topic } from '@trellis/kit';
import { meetingsTopics } from '@trellis/meetings/topics';
import { ordersTopics } from '@trellis/orders/topics';
import { usersTopics } from '@trellis/users/topics';

/**
 * The topics the domains declare in code (`@trellis/<service>/topics`): the console shows their
 * schemas, the push workers subscribe to the pushable ones, and an edited dead letter's payload
 * is validated against its topic's schema.
 */
export function knownTopics(): readonly Topic[] {
  return [...usersTopics, ...ordersTopics, ...meetingsTopics];
}
