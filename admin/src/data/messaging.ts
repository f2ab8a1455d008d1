import 'server-only';
import type { MessagingComponents } from '@trellis/client';
import { rememberSubscriptions, type SubscriptionTrend } from '@/lib/messaging';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';

type Schemas = MessagingComponents['schemas'];
export type Topic = Schemas['Topic'];
export type Subscription = Schemas['Subscription'];
export type DeadLetter = Schemas['DeadLetter'];
export type DeadLetterDetail = Schemas['DeadLetterDetail'];
export type DeadLetterPage = Schemas['DeadLetterPage'];
export type DeadLetterStatus = Schemas['DeadLetterStatus'];
export type TracedEvent = Schemas['TracedEvent'];
export type TraceStage = Schemas['TraceStage'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookEndpointPage = Schemas['WebhookEndpointPage'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryPage = Schemas['WebhookDeliveryPage'];
export type WebhookAttempt = Schemas['WebhookAttempt'];
export type WebhookDeliveryStatus = WebhookDelivery['status'];

export const deadLetterStatuses: readonly DeadLetterStatus[] = ['dead', 'replayed', 'discarded'];

export async function listTopics(caller: Caller): Promise<Outcome<Topic[]>> {
  const answer = await outcomeOf(
    serviceClient('messaging').GET('/v1/topics', { headers: asOperator(caller) }),
  );
  return answer.ok ? { ok: true, data: answer.data.items } : answer;
}

/**
 * Every subscription with its queue figures, and the trend of each since this console server
 * started watching it (kept in its memory, as the overview keeps its scrapes).
 */
export async function listSubscriptions(
  caller: Caller,
): Promise<Outcome<{ items: Subscription[]; trends: Map<string, SubscriptionTrend> }>> {
  const answer = await outcomeOf(
    serviceClient('messaging').GET('/v1/subscriptions', { headers: asOperator(caller) }),
  );
  if (!answer.ok) {
    return answer;
  }
  const items = answer.data.items;
  return { ok: true, data: { items, trends: rememberSubscriptions(items, Date.now()) } };
}

export interface DeadLetterQuery {
  subscription?: string | undefined;
  topic?: string | undefined;
  status?: DeadLetterStatus | undefined;
  cursor?: string | undefined;
}

export function listDeadLetters(
  caller: Caller,
  query: DeadLetterQuery,
): Promise<Outcome<DeadLetterPage>> {
  const defined = Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
  );
  return outcomeOf(
    serviceClient('messaging').GET('/v1/dead-letters', {
      headers: asOperator(caller),
      params: { query: { limit: 25, ...defined } },
    }),
  );
}

export function getDeadLetter(caller: Caller, id: string): Promise<Outcome<DeadLetterDetail>> {
  return outcomeOf(
    serviceClient('messaging').GET('/v1/dead-letters/{id}', {
      headers: asOperator(caller),
      params: { path: { id } },
    }),
  );
}

export interface TraceQuery {
  eventId?: string | undefined;
  key?: string | undefined;
  topic?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function searchTrace(
  caller: Caller,
  query: TraceQuery,
): Promise<Outcome<TracedEvent[]>> {
  const defined = Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
  );
  const answer = await outcomeOf(
    serviceClient('messaging').GET('/v1/trace', {
      headers: asOperator(caller),
      params: { query: { limit: 50, ...defined } },
    }),
  );
  return answer.ok ? { ok: true, data: answer.data.items } : answer;
}

export function listWebhookEndpoints(
  caller: Caller,
  query: { cursor?: string | undefined },
): Promise<Outcome<WebhookEndpointPage>> {
  return outcomeOf(
    serviceClient('messaging').GET('/v1/webhook-endpoints', {
      headers: asOperator(caller),
      params: { query: { limit: 25, ...(query.cursor ? { cursor: query.cursor } : {}) } },
    }),
  );
}

export function getWebhookEndpoint(caller: Caller, id: string): Promise<Outcome<WebhookEndpoint>> {
  return outcomeOf(
    serviceClient('messaging').GET('/v1/webhook-endpoints/{id}', {
      headers: asOperator(caller),
      params: { path: { id } },
    }),
  );
}

export const webhookDeliveryStatuses: readonly WebhookDeliveryStatus[] = [
  'pending',
  'succeeded',
  'failed',
];

export function listWebhookDeliveries(
  caller: Caller,
  endpointId: string,
  query: { cursor?: string | undefined; status?: WebhookDeliveryStatus | undefined },
): Promise<Outcome<WebhookDeliveryPage>> {
  const defined = Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
  );
  return outcomeOf(
    serviceClient('messaging').GET('/v1/webhook-endpoints/{id}/deliveries', {
      headers: asOperator(caller),
      params: { path: { id: endpointId }, query: { limit: 25, ...defined } },
    }),
  );
}
