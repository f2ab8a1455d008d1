import { EnvError, parseEnv } from '@trellis/kit';
import { serveNode } from '@trellis/kit/node';
import { bootstrapOrders } from './bootstrap.ts';
import { ordersEnvSchema } from './env.ts';

try {
  const env = parseEnv(ordersEnvSchema, process.env);
  const { app, logger, database } = bootstrapOrders(env);
  await serveNode({
    fetch: app.fetch,
    port: env.PORT,
    hostname: env.HOST,
    logger,
    onShutdown: database.close,
  });
} catch (error) {
  if (error instanceof EnvError) {
    process.stderr.write(`orders: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
