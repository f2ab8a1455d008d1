import type { Executor } from '@trellis/db';
import type { Topic } from '@trellis/kit';
import type { EventEnvelope } from '@trellis/kit/messaging';
import { appendToStreams, ensureDelivery, matchingEndpoints } from './repository.ts';

/** The group every push subscription belongs to (`push/<topic>`). */
export const pushGroup = 'push';

/** A delivery `pushEvent` made: put it on the queue once the transaction commits. */
export interface NewDelivery {
  id: string;
  /** The attempts it has had: zero unless an earlier run of this event made it. */
  attempts: number;
}

/**
 * The push subscription's handler: in the consumer's transaction, appends the event to the
 * stream of each user it concerns (`topic.audience`), tells their live streams at commit, and
 * makes one delivery per matching enabled endpoint. Idempotent by event id (a second run finds
 * what the first made).
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
  await appendToStreams(tx, audience, {
    eventId: envelope.id,
    topic: envelope.topic,
    payload,
    occurredAt: new Date(envelope.occurredAt),
  });
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
