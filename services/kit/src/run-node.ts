import { startBackgroundTasks, stopBackgroundTasks } from './background-tasks.ts';
import type { ServiceDefinition, ServiceEnv } from './define-service.ts';
import { EnvError, parseEnv } from './env.ts';
import { createNodeFetch } from './node-fetch.ts';
import { serveNode } from './serve-node.ts';
import { startService } from './start-service.ts';

/**
 * A declared service's Node entry: parse the environment, wire the app, serve, start the
 * background tasks (registry registration) once listening, and on a signal stop them before
 * draining. `await runOnNode(ordersService)` is the whole of `main.ts`.
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
  const { app, logger, database, backgroundTasks } = await startService(service, env, {
    fetch: createNodeFetch(),
  });
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
