import { EnvError, parseEnv } from '@trellis/kit';
import { serveNode } from '@trellis/kit/node';
import { bootstrapMeetings } from './bootstrap.ts';
import { meetingsEnvSchema } from './env.ts';

try {
  const env = parseEnv(meetingsEnvSchema, process.env);
  const { app, logger, database } = bootstrapMeetings(env);
  await serveNode({
    fetch: app.fetch,
    port: env.PORT,
    hostname: env.HOST,
    logger,
    onShutdown: database.close,
  });
} catch (error) {
  if (error instanceof EnvError) {
    process.stderr.write(`meetings: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
