import type { Executor } from './client.ts';
import { newId } from './ids.ts';
import { outbox } from './schema/outbox.ts';

export interface DomainEvent {
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  payload: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The ordering key; the aggregate's id when absent. */
  key?: string;
  /** The version of the topic's schema the payload was checked against; 1 when absent. */
  topicVersion?: number;
  /** Delivered no earlier than this. */
  deliverAt?: Date;
}

/** Records domain events; call it with the transaction that makes the change. */
export async function appendEvents(tx: Executor, events: DomainEvent[]): Promise<string[]> {
  if (events.length === 0) {
    return [];
  }
  const rows = events.map((event) => ({
    id: newId('event'),
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    eventType: event.eventType,
    payload: event.payload,
    headers: event.headers ?? {},
    key: event.key ?? event.aggregateId,
    topicVersion: event.topicVersion ?? 1,
    deliverAt: event.deliverAt ?? null,
  }));
  await tx.insert(outbox).values(rows);
  return rows.map((row) => row.id);
}
