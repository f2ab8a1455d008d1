import type { DeadLetterRow } from '../../repository.ts';
import type { DeadLetter, DeadLetterDetail } from './schema.ts';

export function presentDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    subscription: row.subscription,
    eventId: row.eventId,
    topic: row.topic,
    topicVersion: row.topicVersion,
    key: row.key,
    status: row.status,
    lastError: row.lastError,
    attemptCount: row.attempts.length,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
  };
}

export function presentDeadLetterDetail(row: DeadLetterRow): DeadLetterDetail {
  return {
    ...presentDeadLetter(row),
    payload: row.payload,
    headers: row.headers,
    attempts: row.attempts,
  };
}
