import type { Executor } from './client.ts';
import { newId } from './ids.ts';
import { outbox } from './schema/outbox.ts';

export interface DomainEvent {
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  payload: Record<string, unknown>;
  headers?: Record<string, string>;
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
  }));
  await tx.insert(outbox).values(rows);
  return rows.map((row) => row.id);
}
