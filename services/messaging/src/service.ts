import { defineService, type Topic } from '@trellis/kit';
import { messagingConfig } from './config.ts';
import type { MessagingDeps } from './deps.ts';
import { messagingEnvSchema } from './env.ts';
import { pushUnavailable } from './push-unavailable.ts';
import { createDeadLettersRouter } from './routes/dead-letters/index.ts';
import { createSubscriptionsRouter } from './routes/subscriptions/index.ts';
import { createTopicsRouter } from './routes/topics/index.ts';
import { createTraceRouter } from './routes/trace/index.ts';
import { createStreamHub } from './streams/hub.ts';
import { createStreamsRouter } from './streams/routes/index.ts';
import { knownTopics } from './topics.ts';
import { nodeResolveHost } from './webhooks/delivery.ts';
import { createWebhooksRouter } from './webhooks/routes/index.ts';

/** Every router of the service, in both entries and the contract. */
export const messagingRoutes = [
  createTopicsRouter,
  createSubscriptionsRouter,
  createDeadLettersRouter,
  createTraceRouter,
  createWebhooksRouter,
  createStreamsRouter,
];

/** The topics outside consumers may receive: webhooks' event-type filters are checked against them. */
export function pushTopicsOf(topics: readonly Topic[]): readonly Topic[] {
  return topics.filter((topic) => topic.pushable);
}

export const messagingDescription =
  'Messaging: the platform’s topics, the outbox relay, subscriptions with their lag and dead ' +
  'letters (inspect, replay, edit and resend, discard), the message trace, webhooks and live ' +
  'streams to outside consumers.';

/**
 * The messaging service, runtime-agnostic: what the Deno entry serves and the contract is read
 * from. It reads Postgres only, live streams included (they follow Postgres notifications); the
 * Node entry (`node-service.ts`) adds Redis, the relay and the push workers.
 */
export const messagingService = defineService({
  name: 'messaging',
  description: messagingDescription,
  envSchema: messagingEnvSchema,
  config: messagingConfig,
  routes: messagingRoutes,
  deps: ({ baseDeps, database, logger, runInBackground }): MessagingDeps => {
    const topics = knownTopics();
    const streams = createStreamHub({ sql: database.sql, logger });
    runInBackground({ stop: () => streams.stop() });
    return {
      ...baseDeps,
      ...pushUnavailable,
      streams,
      topics,
      pushTopics: pushTopicsOf(topics),
      resolveHost: nodeResolveHost,
    };
  },
});
