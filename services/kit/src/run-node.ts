import { type ServiceEntry, startCompanions, stopCompanions } from './entry.ts';
import { EnvError, parseEnv } from './env.ts';
import { serveNode } from './serve-node.ts';

/**
 * A service's Node entry: parse the environment, wire the app, serve, start the companions
 * (registry registration) once listening, and on a signal stop them before draining.
 */
export async function runOnNode<Env extends { PORT: number; HOST: string }>(
  entry: ServiceEntry<Env>,
): Promise<void> {
  let env: Env;
  try {
    env = parseEnv(entry.envSchema, process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${entry.name}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app, logger, database, companions = [] } = await entry.bootstrap(env);
  await serveNode({
    fetch: app.fetch,
    port: env.PORT,
    hostname: env.HOST,
    logger,
    beforeShutdown: () => stopCompanions(companions, logger),
    onShutdown: () => database.close(),
  });
  await startCompanions(companions, logger);
}
