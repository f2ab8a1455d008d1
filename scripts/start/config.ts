import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface StartConfig {
  /** `.trellis/` by default: embedded Postgres data, Redis working dir, generated secrets. */
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  jwtSecret: string | undefined;
  adminSessionSecret: string | undefined;
  /** Signs the services' tokens to the config center; generated when unset. */
  serviceTokenSecret: string | undefined;
  /** Encrypts config secrets at rest: 32 bytes in base64; generated when unset. */
  configEncryptionKey: string | undefined;
  /** Lifetime of users' access tokens; long enough for a console session by default. */
  jwtTtlSeconds: number;
  logLevel: string;
  ports: { config: number; users: number; orders: number; meetings: number };
  adminPort: number;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new Error(`${name} must be a port number, got "${text}"`);
  }
  return value;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < 60 || value > 86_400) {
    throw new Error(`${name} must be whole seconds from 60 to 86400, got "${text}"`);
  }
  return value;
}

/** Everything `npm start` takes from the environment, read in one place. */
export function readStartConfig(env: NodeJS.ProcessEnv): StartConfig {
  return {
    dataDir: path.resolve(env.TRELLIS_DATA_DIR || path.join(repoRoot, '.trellis')),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    adminSessionSecret: env.ADMIN_SESSION_SECRET || undefined,
    serviceTokenSecret: env.SERVICE_TOKEN_SECRET || undefined,
    configEncryptionKey: env.CONFIG_ENCRYPTION_KEY || undefined,
    jwtTtlSeconds: seconds(env, 'JWT_TTL_SECONDS', 8 * 3600),
    logLevel: env.LOG_LEVEL || 'info',
    ports: {
      config: port(env, 'CONFIG_PORT', 4110),
      users: port(env, 'USERS_PORT', 4101),
      orders: port(env, 'ORDERS_PORT', 4102),
      meetings: port(env, 'MEETINGS_PORT', 4103),
    },
    adminPort: port(env, 'ADMIN_PORT', 3000),
  };
}
