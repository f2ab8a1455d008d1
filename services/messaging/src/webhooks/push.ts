import type { Executor } from '@trellis/db';
import type { Topic } from '@trellis/kit';
import type { EventEnvelope } from '@trellis/kit/messaging';
import { ensureDelivery, matchingEndpoints } from './repository.ts';

/** The group every push subscription belongs to (`push/<topic>`). */
export const pushGroup = 'push';

/** A delivery `pushEvent` made: put it on the queue once the transaction commits. */
export interface NewDelivery {
  id: string;
  /** The attempts it has had: zero unless an earlier run of this event made it. */
  attempts: number;
}

/**
 * The push subscription's handler: in the consumer's transaction, makes one delivery per
 * matching enabled endpoint (own-scope endpoints of the users it concerns, `topic.audience`, and
 * every all-scope one). Idempotent by event id (a second run finds what the first made). Users'
 * streams are appended by the relay, in commit order (`streams/relay-append.ts`).
 */
export async function pushEvent(
  tx: Executor,
  envelope: EventEnvelope,
  topic: Topic,
  now: Date,
): Promise<NewDelivery[]> {
  if (!topic.pushable) {
    return [];
  }
  const payload = topic.schema.parse(envelope.payload) as Record<string, unknown>;
  const audience = [...new Set(topic.audience?.(payload) ?? [])];
  const endpoints = await matchingEndpoints(tx, envelope.topic, audience);
  const deliveries: NewDelivery[] = [];
  for (const endpoint of endpoints) {
    const delivery = await ensureDelivery(
      tx,
      { endpointId: endpoint.id, eventId: envelope.id, topic: envelope.topic, payload },
      now,
    );
    if (delivery.status === 'pending') {
      deliveries.push({ id: delivery.id, attempts: delivery.attempts });
    }
  }
  return deliveries;
}
