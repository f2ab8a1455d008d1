import { createDb } from '@trellis/db';
import { createLogger } from '@trellis/kit';
import { createConfigApp } from './app.ts';
import { decodeEncryptionKey } from './config/secrets.ts';
import { createConfigRuntime } from './deps.ts';
import type { ConfigEnv } from './env.ts';

/** Wires the config center from parsed environment; shared by the Node and Deno entries. */
export function bootstrapConfig(env: ConfigEnv) {
  const instanceId = env.INSTANCE_ID ?? `config-${crypto.randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'config', instance: instanceId, level: env.LOG_LEVEL });
  const database = createDb(env.DATABASE_URL, { applicationName: 'trellis-config' });
  const encryptionKey = decodeEncryptionKey(env.CONFIG_ENCRYPTION_KEY);
  if (!encryptionKey) {
    throw new Error('CONFIG_ENCRYPTION_KEY must be 32 bytes in base64');
  }
  const encoder = new TextEncoder();
  const { deps, companions } = createConfigRuntime({
    database,
    tokens: {
      service: encoder.encode(env.SERVICE_TOKEN_SECRET),
      user: encoder.encode(env.JWT_SECRET),
      userIssuer: env.JWT_ISSUER,
    },
    encryptionKey,
    logger,
  });
  const app = createConfigApp({
    deps,
    logger,
    version: env.SERVICE_VERSION,
    instanceId,
    ping: database.ping,
  });
  return { app, logger, database, companions };
}
