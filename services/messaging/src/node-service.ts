// Node only: the relay and the subscription queues run on BullMQ over Redis.
import { defineService } from '@trellis/kit';
import { messagingConfig } from './config.ts';
import type { MessagingDeps } from './deps.ts';
import { messagingNodeEnvSchema } from './env.ts';
import { createSubscriptionQueues } from './queues.ts';
import { createLiveRelay } from './relay.ts';
import { messagingDescription, messagingRoutes } from './service.ts';
import { knownTopics } from './topics.ts';

/**
 * The messaging service on Node: the same routes, with the subscription queues for replays and
 * queue figures, and the outbox relay as a background task. `REDIS_URL` is required.
 */
export const messagingNodeService = defineService({
  name: 'messaging',
  description: messagingDescription,
  envSchema: messagingNodeEnvSchema,
  config: messagingConfig,
  routes: messagingRoutes,
  deps: ({ baseDeps, env, runInBackground, database, logger, metrics }): MessagingDeps => {
    if (!env.REDIS_URL) {
      throw new Error('REDIS_URL is required (the env schema refuses its absence)');
    }
    const queues = createSubscriptionQueues(env.REDIS_URL);
    runInBackground({ stop: () => queues.close() });
    runInBackground(
      createLiveRelay({
        sql: database.sql,
        redisUrl: env.REDIS_URL,
        logger,
        config: baseDeps.config,
        metrics,
      }),
    );
    return { ...baseDeps, queues, topics: knownTopics() };
  },
});
