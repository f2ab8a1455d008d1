import {
  type BackgroundTask,
  startBackgroundTasks,
  stopBackgroundTasks,
} from './background-tasks.ts';
import type { ServiceDefinition, ServiceEnv } from './define-service.ts';
import { EnvError, parseEnv } from './env.ts';
import { redisConnection } from './messaging/queues.ts';
import { createSubscriber } from './messaging/subscriber.ts';
import { createNodeFetch } from './node-fetch.ts';
import { serveNode } from './serve-node.ts';
import { infoOf } from './service.ts';
import { type StartedService, startService } from './start-service.ts';

/**
 * The service's subscriptions, as a background task: declared on its definition, run on BullMQ
 * at REDIS_URL; none without either (a warning says why when only Redis is missing).
 */
export function subscriptionsTask<Env extends ServiceEnv, Deps>(
  service: ServiceDefinition<Env, Deps>,
  redisUrl: string | undefined,
  started: StartedService<Deps>,
): BackgroundTask | undefined {
  const { logger } = started;
  if (!service.subscriptions) {
    return undefined;
  }
  if (!redisUrl) {
    logger.warn('REDIS_URL is not set, so this service does not handle its subscriptions');
    return undefined;
  }
  const subscriber = createSubscriber({
    service: service.name,
    instanceId: started.instanceId,
    db: started.database.db,
    redis: redisConnection(redisUrl),
    logger,
    metrics: infoOf(started.app).metrics.registry,
  });
  service.subscriptions({ deps: started.deps, subscribe: subscriber.subscribe, logger });
  return { start: () => subscriber.start(), stop: () => subscriber.stop() };
}

/**
 * A declared service's Node entry: parse the environment, wire the app, serve, start the
 * background tasks (its subscriptions, then the registry registration) once listening, and on
 * a signal stop them before draining. `await runOnNode(ordersService)` is the whole of `main.ts`.
 */
export async function runOnNode<Env extends ServiceEnv, Deps>(
  service: ServiceDefinition<Env, Deps>,
): Promise<void> {
  let env: Env;
  try {
    env = parseEnv(service.envSchema, process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${service.name}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Calls to other services go over node:http: Node 20's own fetch costs a calling service
  // (the gateway most) a fifth or more of its CPU per call (bench/identity.ts).
  const started = await startService(service, env, { fetch: createNodeFetch() });
  const { app, logger, database } = started;
  const subscriptions = subscriptionsTask(
    service,
    (env as ServiceEnv & { REDIS_URL?: string }).REDIS_URL,
    started,
  );
  const backgroundTasks = [...(subscriptions ? [subscriptions] : []), ...started.backgroundTasks];
  await serveNode({
    fetch: app.fetch,
    port: env.PORT,
    hostname: env.HOST,
    logger,
    beforeShutdown: () => stopBackgroundTasks(backgroundTasks, logger),
    onShutdown: () => database.close(),
  });
  await startBackgroundTasks(backgroundTasks, logger);
}
