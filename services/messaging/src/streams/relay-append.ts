import type { Logger, Topic } from '@trellis/kit';
import type { RelayedEvent } from '@trellis/kit/messaging';
import type { TransactionSql } from 'postgres';
import { streamChannel } from '../webhooks/repository.ts';

/**
 * Appends each event to the streams of the users it concerns (`topic.audience`), as the relay's
 * `onBatch`: inside the relay's transaction, under its lock, in `seq` order. Why there and not in
 * a subscription: subscriptions are per topic, so a user's `order.created` and `order.paid`
 * would reach their stream in whichever order two queues happened to run; the relay sees every
 * topic's events in commit order. Delayed events (`deliverAt`) go to subscriptions only.
 * Idempotent by (user, event): a batch tried again appends nothing twice.
 */
export function appendToUserStreams(topics: readonly Topic[], logger: Logger) {
  const streamed = new Map(
    topics.filter((topic) => topic.pushable && topic.audience).map((topic) => [topic.name, topic]),
  );
  return async (tx: TransactionSql, events: readonly RelayedEvent[]): Promise<void> => {
    const rows: { userId: string; eventId: string; topic: string; payload: string; at: string }[] =
      [];
    for (const { envelope, delayMs } of events) {
      const topic = streamed.get(envelope.topic);
      if (topic === undefined || delayMs > 0) {
        continue;
      }
      const parsed = topic.schema.safeParse(envelope.payload);
      if (!parsed.success) {
        logger.warn(
          { eventId: envelope.id, topic: envelope.topic },
          'event not streamed: its payload does not parse',
        );
        continue;
      }
      const payload = JSON.stringify(parsed.data);
      for (const userId of new Set(topic.audience?.(parsed.data) ?? [])) {
        rows.push({
          userId,
          eventId: envelope.id,
          topic: envelope.topic,
          payload,
          at: envelope.occurredAt,
        });
      }
    }
    if (rows.length === 0) {
      return;
    }
    const users = [...new Set(rows.map((row) => row.userId))].sort();
    // The same per-user locks as any other stream write, taken in one order: a stream's `seq`
    // order stays its commit order.
    await tx`
      select pg_advisory_xact_lock(hashtextextended('stream:' || u, 0))
      from (select u from unnest(${users}::text[]) as u order by u) as sorted`;
    // In array order, so each stream's `seq` follows the events' order.
    await tx`
      insert into user_stream_events (user_id, event_id, topic, payload, occurred_at)
      select u, e, t, p::jsonb, a::timestamptz
      from unnest(
        ${rows.map((row) => row.userId)}::text[], ${rows.map((row) => row.eventId)}::text[],
        ${rows.map((row) => row.topic)}::text[], ${rows.map((row) => row.payload)}::text[],
        ${rows.map((row) => row.at)}::text[]) as x(u, e, t, p, a)
      on conflict do nothing`;
    await tx`select pg_notify(${streamChannel}, u) from unnest(${users}::text[]) as u`;
  };
}
