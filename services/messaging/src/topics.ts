import type { Topic } from '@trellis/kit';

/**
 * The topics the domains declare in code (`@trellis/<service>/topics`): the console shows their
 * schemas, the push workers subscribe to the pushable ones, and an edited dead letter's payload
 * is validated against its topic's schema.
 */
export function knownTopics(): readonly Topic[] {
  return [];
}
