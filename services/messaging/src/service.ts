import { defineService } from '@trellis/kit';
import { messagingConfig } from './config.ts';
import type { MessagingDeps } from './deps.ts';
import { messagingEnvSchema } from './env.ts';
import { createDeadLettersRouter } from './routes/dead-letters/index.ts';
import { createSubscriptionsRouter } from './routes/subscriptions/index.ts';
import { createTopicsRouter } from './routes/topics/index.ts';
import { createTraceRouter } from './routes/trace/index.ts';
import { knownTopics } from './topics.ts';

/** Every router of the service, in both entries and the contract. */
export const messagingRoutes = [
  createTopicsRouter,
  createSubscriptionsRouter,
  createDeadLettersRouter,
  createTraceRouter,
];

export const messagingDescription =
  'Messaging: the platform’s topics, the outbox relay, subscriptions with their lag and dead ' +
  'letters (inspect, replay, edit and resend, discard), the message trace, webhooks and live ' +
  'streams to outside consumers.';

/**
 * The messaging service, runtime-agnostic: what the Deno entry serves and the contract is read
 * from. It reads Postgres only; the Node entry (`node-service.ts`) adds Redis, the relay and the
 * push workers.
 */
export const messagingService = defineService({
  name: 'messaging',
  description: messagingDescription,
  envSchema: messagingEnvSchema,
  config: messagingConfig,
  routes: messagingRoutes,
  deps: ({ baseDeps }): MessagingDeps => ({ ...baseDeps, topics: knownTopics() }),
});
