import type { AttemptRow, DeliveryRow, EndpointRow } from '../repository.ts';
import { liveSecrets, type StoredSecret } from '../secrets.ts';
import type { WebhookEndpoint } from './schema.ts';

export function presentEndpoint(row: EndpointRow, now: Date = new Date()): WebhookEndpoint {
  return {
    id: row.id,
    ownerId: row.ownerId,
    scope: row.scope,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    status: row.status,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    signingSecrets: liveSecrets(row.secrets as StoredSecret[], now).length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function presentDelivery(row: DeliveryRow, attempts: readonly AttemptRow[] = []) {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    topic: row.topic,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastStatusCode: row.lastStatusCode,
    lastLatencyMs: row.lastLatencyMs,
    lastResponse: row.lastResponse,
    lastError: row.lastError,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
