// Node only: the relay, the subscription queues and the push workers run on BullMQ over Redis.
import { createSecretCipher, decodeEncryptionKey, defineService } from '@trellis/kit';
import { redisConnection } from '@trellis/kit/messaging';
import { messagingConfig } from './config.ts';
import type { MessagingDeps } from './deps.ts';
import { messagingNodeEnvSchema } from './env.ts';
import { createSubscriptionQueues } from './queues.ts';
import { createLiveRelay } from './relay.ts';
import { messagingDescription, messagingRoutes, pushTopicsOf } from './service.ts';
import { appendToUserStreams } from './streams/relay-append.ts';
import { knownTopics } from './topics.ts';
import { createPushDeps, pushGroup, startPushWorkers } from './webhooks/index.ts';

type NodeMessagingDeps = MessagingDeps & { push: ReturnType<typeof startPushWorkers>['push'] };

/**
 * The messaging service on Node: the same routes, with the subscription queues for replays and
 * queue figures, the outbox relay (which also appends users' streams, in commit order), the
 * webhook delivery worker and the push subscriptions (one per pushable topic, making webhook
 * deliveries). `REDIS_URL` and `WEBHOOK_ENCRYPTION_KEY` are required.
 */
export const messagingNodeService = defineService({
  name: 'messaging',
  description: messagingDescription,
  envSchema: messagingNodeEnvSchema,
  config: messagingConfig,
  routes: messagingRoutes,
  deps: ({ baseDeps, env, runInBackground, database, logger, metrics }): NodeMessagingDeps => {
    const key = decodeEncryptionKey(env.WEBHOOK_ENCRYPTION_KEY ?? '');
    if (!env.REDIS_URL || key === undefined) {
      throw new Error('REDIS_URL and WEBHOOK_ENCRYPTION_KEY are required (the env schema says so)');
    }
    const connection = redisConnection(env.REDIS_URL);
    const cipher = createSecretCipher(key);
    const topics = knownTopics();
    const queues = createSubscriptionQueues(env.REDIS_URL);
    const pushDeps = createPushDeps({
      db: database.db,
      sql: database.sql,
      connection,
      logger,
      config: baseDeps.config,
      cipher,
      pushTopics: pushTopicsOf(topics),
    });
    const workers = startPushWorkers({
      db: database.db,
      connection,
      logger,
      config: baseDeps.config,
      cipher,
      topics,
      queue: pushDeps.deliveries,
    });
    runInBackground(
      createLiveRelay({
        sql: database.sql,
        redisUrl: env.REDIS_URL,
        logger,
        config: baseDeps.config,
        metrics,
        onBatch: appendToUserStreams(topics, logger),
      }),
    );
    // The workers share the routes' delivery queue: stop them before it closes.
    runInBackground({
      stop: async () => {
        await workers.stop();
        await pushDeps.close();
      },
    });
    runInBackground({ stop: () => queues.close() });
    const { close: _close, ...push } = pushDeps;
    return { ...push, ...baseDeps, queues, topics, push: workers.push };
  },
  // Every pushable event reaches the webhook endpoints that take it.
  subscriptions: ({ deps, subscribe }) => {
    for (const topic of deps.pushTopics) {
      subscribe(topic, pushGroup, (_payload, { tx, event }) => deps.push(tx, event, topic));
    }
  },
});
