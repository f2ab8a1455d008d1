import { EnvError, parseEnv } from '@trellis/kit';
import { serveNode } from '@trellis/kit/node';
import { bootstrapUsers } from './bootstrap.ts';
import { usersEnvSchema } from './env.ts';

try {
  const env = parseEnv(usersEnvSchema, process.env);
  const { app, logger, database } = bootstrapUsers(env);
  await serveNode({
    fetch: app.fetch,
    port: env.PORT,
    hostname: env.HOST,
    logger,
    onShutdown: database.close,
  });
} catch (error) {
  if (error instanceof EnvError) {
    process.stderr.write(`users: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
